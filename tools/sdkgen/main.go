// Command sdkgen generates the googlemeet SDKs (TypeScript, Python, Go) from the provider's schema
// with Pulumi's own code generators, the ones `pulumi package gen-sdk` runs through the language
// hosts (which cannot be built on every machine).
//
//	go run . [-check] <schema.json> <sdk dir>
//
// It first validates the schema against Pulumi's metaschema and binds it, failing on any
// diagnostic. Without -check it rewrites <sdk dir>/{nodejs,python,go} (generated files only); with
// -check it writes nothing and fails when a checked-in file differs from what the schema generates.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-google-meet sdkgen"

func main() {
	check := flag.Bool("check", false, "fail when the SDKs on disk differ from the schema's; write nothing")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen [-check] <schema.json> <sdk dir>")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), flag.Arg(1), *check); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, sdkDir string, check bool) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	pkg, err := bind(raw)
	if err != nil {
		return err
	}
	languages := map[string]func() (map[string][]byte, error){
		"nodejs": func() (map[string][]byte, error) { return nodejs.GeneratePackage(tool, pkg, nil, nil, false, nil) },
		"python": func() (map[string][]byte, error) { return python.GeneratePackage(tool, pkg, nil, nil) },
		"go":     func() (map[string][]byte, error) { return gogen.GeneratePackage(tool, pkg, nil) },
	}
	var stale []string
	for _, lang := range []string{"nodejs", "python", "go"} {
		files, err := languages[lang]()
		if err != nil {
			return fmt.Errorf("%s: %w", lang, err)
		}
		dir := filepath.Join(sdkDir, lang)
		if lang == "go" {
			if files["go.mod"], err = goMod(filepath.Join(dir, "go.mod"), pkg); err != nil {
				return err
			}
		}
		if check {
			stale = append(stale, compare(dir, files)...)
			continue
		}
		if err := write(dir, files); err != nil {
			return err
		}
		fmt.Printf("sdkgen: %s: %d files in %s\n", lang, len(files), dir)
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		return fmt.Errorf("the SDKs differ from %s (run npm run sdk:gen and commit):\n  %s", schemaPath, strings.Join(stale, "\n  "))
	}
	if check {
		fmt.Println("sdkgen: schema valid; the SDKs match it")
	}
	return nil
}

// goMod is the Go SDK's go.mod (kept by hand for its requirements) with the module path the schema's
// importBasePath implies (its parent: the module holds the package `googlemeet`), so that the
// release setting that gives importBasePath also names the module.
func goMod(path string, pkg *schema.Package) ([]byte, error) {
	have, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := pkg.ImportLanguages(map[string]schema.Language{"go": gogen.Importer}); err != nil {
		return nil, err
	}
	info, ok := pkg.Language["go"].(gogen.GoPackageInfo)
	if !ok || info.ImportBasePath == "" {
		return nil, fmt.Errorf("schema: language.go.importBasePath is required")
	}
	module := info.ImportBasePath[:strings.LastIndex(info.ImportBasePath, "/")]
	lines := strings.SplitN(string(have), "\n", 2)
	if !strings.HasPrefix(lines[0], "module ") || len(lines) != 2 {
		return nil, fmt.Errorf("%s: the first line must be the module statement", path)
	}
	return []byte("module " + module + "\n" + lines[1]), nil
}

// bind validates the schema text against Pulumi's metaschema and binds it, as the engine does.
func bind(raw []byte) (*schema.Package, error) {
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("schema is not JSON: %w", err)
	}
	if err := schema.MetaSchema.Validate(doc); err != nil {
		return nil, fmt.Errorf("schema does not match Pulumi's metaschema: %w", err)
	}
	var spec schema.PackageSpec
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&spec); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if len(diags) > 0 {
		return nil, fmt.Errorf("schema does not bind: %s", diags.Error())
	}
	return pkg, nil
}

// generated lists the files under dir that a previous generation wrote (every file, except the
// ones we own by hand: none today besides go.mod of the Go SDK).
func generated(dir string) (map[string]bool, error) {
	found := map[string]bool{}
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if os.IsNotExist(err) {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if info.IsDir() {
			// What installing or building an SDK leaves beside the sources (git ignores these too).
			base := filepath.Base(rel)
			if base == "node_modules" || base == "build" || base == "bin" || base == "__pycache__" ||
				strings.HasSuffix(base, ".egg-info") {
				return filepath.SkipDir
			}
			return nil
		}
		if !handWritten(rel) {
			found[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	return found, err
}

func handWritten(rel string) bool {
	return rel == "go.mod" || rel == "go.sum"
}

func write(dir string, files map[string][]byte) error {
	old, err := generated(dir)
	if err != nil {
		return err
	}
	for name := range old {
		if _, keep := files[name]; !keep {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func compare(dir string, files map[string][]byte) []string {
	var stale []string
	old, err := generated(dir)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", dir, err)}
	}
	for name, content := range files {
		have, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			stale = append(stale, filepath.Join(dir, name)+" (missing)")
		} else if !bytes.Equal(have, content) {
			stale = append(stale, filepath.Join(dir, name)+" (differs)")
		}
		delete(old, name)
	}
	for name := range old {
		stale = append(stale, filepath.Join(dir, name)+" (not generated any more)")
	}
	return stale
}
