// params: {"country": "g-country", "level": "MUNICIPALITY", "limit": 20, "stakeholders": 10, "services": 100}
MATCH (:Territory {id: $country})<-[:PART_OF*1..]-(t:Territory)
WHERE t.level = $level
WITH DISTINCT t ORDER BY t.name, t.id LIMIT $limit
RETURN {territories: {nodes: collect(t {.id, .name,
  stakeholders: COLLECT {
    MATCH (t)<-[:LOCATED_IN]-(s:Stakeholder)
    WITH s ORDER BY s.name, s.id LIMIT $stakeholders
    RETURN s {.id, .name,
      services: COLLECT {
        MATCH (s)-[:PROVIDES]->(v:Service)
        WITH v ORDER BY v.name, v.id LIMIT $services
        RETURN v {.id, .name, provider: [(v)<-[:PROVIDES]-(p:Stakeholder) | p {.id, .name}][0]}
      }}
  }
})}} AS data
