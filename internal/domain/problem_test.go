package domain

import (
	"reflect"
	"testing"
)

func TestProblemsInRecord(t *testing.T) {
	tests := []struct {
		name, field, prefix, want string
	}{
		{"OK", "stakeholders[0].kind", "input.", "input.kind"},
		{"OKNested", "partnerships[0].parties[1].role", "", "parties[1].role"},
		{"OKNoPath", "areaIds[1]", "input.", "areaIds[1]"},
		{"OKDotBeforeBracket", "input.ids[0].x", "input.", "input.ids[0].x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Problems{{Field: tt.field, Line: 3, Record: "r"}}.InRecord(tt.prefix)
			if want := (Problems{{Field: tt.want}}); !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}
