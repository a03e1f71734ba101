// params: {"id": "g-st-10000"}
OPTIONAL MATCH (s:Stakeholder {id: $id})
RETURN {stakeholder: s {.id, .name,
  territory: [(s)-[:LOCATED_IN]->(t:Territory) | t {.id, .name}][0]}} AS data
