// params: {"q": "(pazardzhik^2 OR pazardzhik*)", "limit": 20}
CALL db.index.fulltext.queryNodes('coopgraph_text', $q) YIELD node, score
WITH node, score, {Territory: 'TERRITORY', Stakeholder: 'STAKEHOLDER', ServiceCategory: 'SERVICE_CATEGORY',
  TargetGroup: 'TARGET_GROUP', Service: 'SERVICE', CooperationArea: 'COOPERATION_AREA',
  Partnership: 'PARTNERSHIP', Practice: 'PRACTICE', Project: 'PROJECT', Event: 'EVENT'} AS types
WITH node, score, types[[l IN labels(node) WHERE l IN keys(types)][0]] AS type
WHERE type IS NOT NULL
WITH node, score, type ORDER BY score DESC, node.id LIMIT $limit
RETURN {search: collect({type: type, id: node.id, name: node.name, score: score})} AS data
