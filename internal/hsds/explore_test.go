package hsds

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestExplore(t *testing.T) {
	dir := "../../../shared/hsds/3.0/examples"
	files, _ := filepath.Glob(dir + "/*.json")
	for _, f := range files {
		fh, _ := os.Open(f)
		res, err := ReadJSON(fh, filepath.Base(f), Options{IDPrefix: os.Getenv("PFX"), ParentTerritoryID: os.Getenv("PARENT")})
		fh.Close()
		fmt.Println("=====", f, err, res.Version)
		for _, w := range res.Warnings { fmt.Println("  W", w) }
		for _, w := range res.Rejected { fmt.Println("  R", w) }
		if os.Getenv("DOC") != "" { b, _ := json.MarshalIndent(res.Doc, "", " "); fmt.Println(string(b)) }
	}
	res, err := ReadPackage(os.DirFS(dir+"/csv"), Options{})
	fmt.Println("===== csv", err, res.Version)
	for _, w := range res.Warnings { fmt.Println("  W", w) }
	for _, w := range res.Rejected { fmt.Println("  R", w) }
	b, _ := json.MarshalIndent(res.Doc, "", " "); fmt.Println(string(b))
}
