package transfer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/coopgraph/coopgraph/internal/domain"
	"github.com/coopgraph/coopgraph/internal/store"
)

// exportPage is how many records one export query reads.
const exportPage = 2000

// ExportJSON writes the whole graph as an interchange document, page by
// page, one record per line, in the order import reads best. It returns how
// many records of each type it wrote.
func ExportJSON(ctx context.Context, st *store.Store, w io.Writer) (map[string]int, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	counts := map[string]int{}
	fmt.Fprintf(bw, "{\n\"format\": %q", domain.DocumentFormat)
	for _, l := range lists {
		fmt.Fprintf(bw, ",\n%q: [", l.name)
		n := 0
		emit := func(v any) error {
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			if n > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n  ")
			bw.Write(b)
			n++
			return nil
		}
		var err error
		if l.label == "ReferralLink" {
			err = eachLink(ctx, st, emit)
		} else {
			err = eachRecord(ctx, st, l, emit)
		}
		if err != nil {
			return nil, err
		}
		if n > 0 {
			bw.WriteString("\n")
		}
		bw.WriteString("]")
		counts[l.label] = n
	}
	bw.WriteString("\n}\n")
	return counts, bw.Flush()
}

// eachRecord calls emit for every record of a list, in id order.
func eachRecord(ctx context.Context, st *store.Store, l list, emit func(any) error) error {
	for after := ""; ; {
		doc, last, err := st.ExportPage(ctx, l.label, after, exportPage)
		if err != nil {
			return err
		}
		var recs []any
		one := &domain.Document{}
		l.keep(doc, one, func(int) bool { return true })
		one.Each(func(_, _ string, v any) { recs = append(recs, v) })
		for _, r := range recs {
			if err := emit(r); err != nil {
				return err
			}
		}
		if last == "" || len(recs) < exportPage {
			return nil
		}
		after = last
	}
}

func eachLink(ctx context.Context, st *store.Store, emit func(any) error) error {
	for after := ""; ; {
		links, last, err := st.ExportLinks(ctx, after, exportPage)
		if err != nil {
			return err
		}
		for _, l := range links {
			if err := emit(l); err != nil {
				return err
			}
		}
		if last == "" || len(links) < exportPage {
			return nil
		}
		after = last
	}
}
