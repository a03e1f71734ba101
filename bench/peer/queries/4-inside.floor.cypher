MATCH (:Territory {id: 'g-district-48'})<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(s:Stakeholder)
WITH DISTINCT s ORDER BY s.name, s.id LIMIT 50
RETURN {stakeholders: {nodes: collect(s {.id, .name})}} AS data
