package network

import "slices"

// louvain is the Louvain method (Blondel et al. 2008) on flat arrays, for
// networks too large for gonum's implementation, which works through
// graph interfaces and maps and takes minutes on a million ties. It moves
// each node to the neighbouring community with the largest modularity
// gain, in node order (so the result is deterministic), until no move
// helps; then it merges each community into one node and starts again,
// until a level moves nothing.
//
// adj[i] lists i's neighbours with the weights in w[i] (both directions,
// no self-loops). It returns each node's community (numbered in order of
// first appearance).
func louvain(adj [][]int, w [][]float64, resolution float64) []int {
	n := len(adj)
	membership := make([]int, n)
	for i := range membership {
		membership[i] = i
	}
	self := make([]float64, n) // twice the weight inside an aggregated node
	for {
		comm, moved := louvainLevel(adj, w, self, resolution)
		if !moved {
			break
		}
		// Renumber the communities 0..k-1 and fold the original nodes in.
		ids := map[int]int{}
		for i, c := range comm {
			if _, ok := ids[c]; !ok {
				ids[c] = len(ids)
			}
			comm[i] = ids[c]
		}
		for i, m := range membership {
			membership[i] = comm[m]
		}
		// Aggregate: one node per community, ties summed.
		k := len(ids)
		sums := make([]map[int]float64, k)
		newSelf := make([]float64, k)
		for i := range adj {
			ci := comm[i]
			newSelf[ci] += self[i]
			for e, j := range adj[i] {
				cj := comm[j]
				if ci == cj {
					newSelf[ci] += w[i][e]
					continue
				}
				if sums[ci] == nil {
					sums[ci] = map[int]float64{}
				}
				sums[ci][cj] += w[i][e]
			}
		}
		adj, w, self = make([][]int, k), make([][]float64, k), newSelf
		for c, m := range sums {
			for d := range m {
				adj[c] = append(adj[c], d)
			}
			slices.Sort(adj[c]) // map order is random; the result must not be
			for _, d := range adj[c] {
				w[c] = append(w[c], m[d])
			}
		}
	}
	return membership
}

// louvainLevel runs the local moving phase; it reports whether any node
// moved.
func louvainLevel(adj [][]int, w [][]float64, self []float64, resolution float64) ([]int, bool) {
	n := len(adj)
	comm := make([]int, n)
	strength := make([]float64, n)
	tot := make([]float64, n)
	m2 := 0.0
	for i := range adj {
		comm[i] = i
		strength[i] = self[i]
		for _, x := range w[i] {
			strength[i] += x
		}
		tot[i] = strength[i]
		m2 += strength[i]
	}
	if m2 == 0 {
		return comm, false
	}
	neighW := make([]float64, n) // weight from the current node to each community
	var touched []int
	movedAny := false
	for pass := 0; pass < 100; pass++ {
		moved := 0
		for i := range adj {
			ci := comm[i]
			touched = touched[:0]
			for e, j := range adj[i] {
				c := comm[j]
				if neighW[c] == 0 {
					touched = append(touched, c)
				}
				neighW[c] += w[i][e]
			}
			tot[ci] -= strength[i]
			// Staying wins ties, so that nothing moves for nothing.
			best, bestGain := ci, neighW[ci]-resolution*tot[ci]*strength[i]/m2
			for _, c := range touched {
				if gain := neighW[c] - resolution*tot[c]*strength[i]/m2; gain > bestGain+1e-12 {
					best, bestGain = c, gain
				}
			}
			tot[best] += strength[i]
			if best != ci {
				comm[i] = best
				moved++
			}
			for _, c := range touched {
				neighW[c] = 0
			}
		}
		if moved == 0 {
			break
		}
		movedAny = true
	}
	return comm, movedAny
}

// modularity is Q of a partition of the graph adj/w at the resolution:
// over the communities, the share of tie weight inside minus the
// resolution times the squared share of strength.
func modularityOf(adj [][]int, w [][]float64, membership []int, resolution float64) float64 {
	in, tot := map[int]float64{}, map[int]float64{}
	m2 := 0.0
	for i := range adj {
		for e, j := range adj[i] {
			tot[membership[i]] += w[i][e]
			m2 += w[i][e]
			if membership[i] == membership[j] {
				in[membership[i]] += w[i][e]
			}
		}
	}
	if m2 == 0 {
		return 0
	}
	q := 0.0
	for c, t := range tot {
		q += in[c]/m2 - resolution*(t/m2)*(t/m2)
	}
	return q
}
