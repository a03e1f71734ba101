// params: {"territoryId": "g-district-48", "limit": 50}
MATCH (:Territory {id: $territoryId})<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(s:Stakeholder)
WITH DISTINCT s ORDER BY s.name, s.id LIMIT $limit
RETURN {stakeholders: {nodes: collect(s {.id, .name})}} AS data
