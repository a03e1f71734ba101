// One full-text index over every named thing. The standard analyzer without
// stop words tokenizes and lower-cases Cyrillic and Latin alike (English stop
// words would drop Bulgarian-irrelevant terms and nothing else); it is not
// eventually consistent, so a committed write is searchable at once.
CREATE FULLTEXT INDEX coopgraph_text IF NOT EXISTS
FOR (n:Territory|Stakeholder|ServiceCategory|TargetGroup|Service|CooperationArea|Partnership|Practice|Project|Event)
ON EACH [n.name, n.nameLocal, n.acronym, n.description]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false}};
