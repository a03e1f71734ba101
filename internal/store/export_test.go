package store

// ListStatements are the statements of one root list and their parameters.
type ListStatements struct {
	Page, Count string
	Params      map[string]any
}

// CaptureLists makes every root list report its statements to record, until
// the returned function is called.
func CaptureLists(record func(ListStatements)) (stop func()) {
	compiled = func(page, count string, params map[string]any) {
		record(ListStatements{Page: page, Count: count, Params: params})
	}
	return func() { compiled = nil }
}
