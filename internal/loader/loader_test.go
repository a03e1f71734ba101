package loader

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// TestLoad: a field asked of every item of a group is fetched once, for
// the group's ids (a record met twice once), whatever the number of items
// and however many ask at once; another field or group is another fetch;
// an unlisted item is a group of its own; an error reaches every item.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	b := New()
	type rec struct{ id string }
	items := []*rec{{"a"}, {"b"}, {"c"}, {"b"}}
	keys := make([]any, len(items))
	ids := make([]string, len(items))
	for i, it := range items {
		keys[i], ids[i] = it, it.id
	}
	b.Group(keys, ids)

	var calls atomic.Int32
	var gotIDs []string
	fetch := func(_ context.Context, ids []string) (map[string]string, error) {
		calls.Add(1)
		gotIDs = ids
		out := map[string]string{}
		for _, id := range ids {
			out[id] = "name of " + id
		}
		return out, nil
	}
	var wg sync.WaitGroup
	got := make([]string, len(items))
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := Load(ctx, b, it, it.id, "name", fetch)
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		}()
	}
	wg.Wait()
	if calls.Load() != 1 || fmt.Sprint(gotIDs) != "[a b c]" {
		t.Fatalf("%d fetches of %v, want 1 of [a b c]", calls.Load(), gotIDs)
	}
	for i, it := range items {
		if got[i] != "name of "+it.id {
			t.Errorf("item %s got %q", it.id, got[i])
		}
	}
	// Another field of the same group: one more fetch.
	if _, err := Load(ctx, b, items[0], "a", "name(lang: bg)", fetch); err != nil || calls.Load() != 2 {
		t.Errorf("another field: %d fetches, %v", calls.Load(), err)
	}
	// An item nobody listed.
	lone := &rec{"z"}
	if v, _ := Load(ctx, b, lone, "z", "name", fetch); v != "name of z" || fmt.Sprint(gotIDs) != "[z]" {
		t.Errorf("unlisted item: %q for %v", v, gotIDs)
	}
	// A failed fetch fails every item of its group.
	boom := errors.New("boom")
	failing := func(context.Context, []string) (map[string]string, error) { return nil, boom }
	for _, it := range items[:3] {
		if _, err := Load(ctx, b, it, it.id, "broken", failing); !errors.Is(err, boom) {
			t.Errorf("item %s: %v, want boom", it.id, err)
		}
	}
}

// TestLoadPanics: a fetch that panics does not leave the other items of
// its group waiting forever.
func TestLoadPanics(t *testing.T) {
	b := New()
	k1, k2 := new(int), new(int)
	b.Group([]any{k1, k2}, []string{"1", "2"})
	func() {
		defer func() { _ = recover() }()
		_, _ = Load(context.Background(), b, k1, "1", "f", func(context.Context, []string) (map[string]int, error) { panic("bug") })
	}()
	if _, err := Load(context.Background(), b, k2, "2", "f", func(context.Context, []string) (map[string]int, error) { return nil, nil }); err == nil {
		t.Error("the second item of a panicked fetch got no error")
	}
}

// TestPrime: a primed field is answered for every item of the group with
// no fetch; another field of the group still fetches; priming twice keeps
// the first value; an unlisted item primed alone is answered too.
func TestPrime(t *testing.T) {
	ctx := context.Background()
	b := New()
	type rec struct{ id string }
	a, c := &rec{"a"}, &rec{"c"}
	b.Group([]any{a, c}, []string{"a", "c"})
	Prime(b, a, "a", "name", map[string]string{"a": "A", "c": "C"})
	Prime(b, c, "c", "name", map[string]string{"a": "other", "c": "other"})
	fetches := 0
	fetch := func(_ context.Context, ids []string) (map[string]string, error) {
		fetches++
		return map[string]string{"a": "fetched a", "c": "fetched c"}, nil
	}
	for _, tt := range []struct {
		item        *rec
		field, want string
		fetches     int
	}{
		{a, "name", "A", 0},
		{c, "name", "C", 0},
		{c, "code", "fetched c", 1},
		{a, "code", "fetched a", 1},
	} {
		got, err := Load(ctx, b, tt.item, tt.item.id, tt.field, fetch)
		if err != nil || got != tt.want || fetches != tt.fetches {
			t.Errorf("%s.%s = %q, %v after %d fetches; want %q after %d", tt.item.id, tt.field, got, err, fetches, tt.want, tt.fetches)
		}
	}
	lone := &rec{"z"}
	Prime(b, lone, "z", "name", map[string]string{"z": "Z"})
	if got, _ := Load(ctx, b, lone, "z", "name", fetch); got != "Z" || fetches != 1 {
		t.Errorf("lone item: %q after %d fetches, want Z after 1", got, fetches)
	}
}
