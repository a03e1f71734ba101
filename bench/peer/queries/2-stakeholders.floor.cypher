// params: {"limit": 50, "services": 100}
MATCH (s:Stakeholder) WHERE s.name IS NOT NULL
WITH s ORDER BY s.name, s.id LIMIT $limit
RETURN {stakeholders: {nodes: collect(s {.id, .name,
  territory: [(s)-[:LOCATED_IN]->(t:Territory) | t {.id, .name}][0],
  services: COLLECT { MATCH (s)-[:PROVIDES]->(v:Service) WITH v ORDER BY v.name, v.id LIMIT $services RETURN v {.id, .name} }
})}} AS data
