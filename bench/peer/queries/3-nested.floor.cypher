MATCH (:Territory {id: 'g-country'})<-[:PART_OF*1..]-(t:Territory)
WHERE t.level = 'MUNICIPALITY'
WITH DISTINCT t ORDER BY t.name, t.id LIMIT 20
RETURN {territories: {nodes: collect(t {.id, .name,
  stakeholders: COLLECT {
    MATCH (t)<-[:LOCATED_IN]-(s:Stakeholder)
    WITH s ORDER BY s.name, s.id LIMIT 10
    RETURN s {.id, .name,
      services: COLLECT {
        MATCH (s)-[:PROVIDES]->(v:Service)
        WITH v ORDER BY v.name, v.id LIMIT 100
        RETURN v {.id, .name, provider: [(v)<-[:PROVIDES]-(p:Stakeholder) | p {.id, .name}][0]}
      }}
  }
})}} AS data
