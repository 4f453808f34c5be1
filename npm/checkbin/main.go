// Command checkbin checks that each npm platform package carries the
// binary its package.json promises: the executable format of its "os"
// (ELF, Mach-O, PE) for the CPU of its "cpu", and, on Linux, statically
// linked (CGO_ENABLED=0: no program interpreter), so it runs on any
// distribution. .ci/npm.sh runs it on the packages npm/build.js made.
//
//	go run ./npm/checkbin PACKAGE_DIR...
package main

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	failed := false
	for _, dir := range os.Args[1:] {
		desc, err := check(dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "FAIL %s: %v\n", dir, err)
			failed = true
			continue
		}
		fmt.Printf("ok   %s\n", desc)
	}
	if failed || len(os.Args) < 2 {
		os.Exit(1)
	}
}

// check returns a one-line description of the package's binary, or why it
// does not match the package.
func check(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return "", err
	}
	var pkg struct {
		Name    string   `json:"name"`
		Version string   `json:"version"`
		OS      []string `json:"os"`
		CPU     []string `json:"cpu"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return "", err
	}
	if len(pkg.OS) != 1 || len(pkg.CPU) != 1 {
		return "", fmt.Errorf("package.json: want one os and one cpu, have %v %v", pkg.OS, pkg.CPU)
	}
	goos, cpu := pkg.OS[0], pkg.CPU[0]
	exe := filepath.Join(dir, "bin", "wix-events-ls")
	if goos == "win32" {
		exe += ".exe"
	}
	st, err := os.Stat(exe)
	if err != nil {
		return "", err
	}
	if goos != "win32" && st.Mode().Perm()&0o111 == 0 {
		return "", fmt.Errorf("%s is not executable (%v)", exe, st.Mode())
	}
	var format, arch string
	switch goos {
	case "linux":
		f, err := elf.Open(exe)
		if err != nil {
			return "", fmt.Errorf("not an ELF file: %v", err)
		}
		defer f.Close()
		format, arch = "ELF", map[elf.Machine]string{elf.EM_X86_64: "x64", elf.EM_AARCH64: "arm64"}[f.Machine]
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				return "", fmt.Errorf("%s is dynamically linked (has a program interpreter)", exe)
			}
		}
		if arch == "" {
			arch = f.Machine.String()
		}
	case "darwin":
		f, err := macho.Open(exe)
		if err != nil {
			return "", fmt.Errorf("not a Mach-O file: %v", err)
		}
		defer f.Close()
		if f.Type != macho.TypeExec {
			return "", fmt.Errorf("Mach-O type %v, want an executable", f.Type)
		}
		format, arch = "Mach-O", map[macho.Cpu]string{macho.CpuAmd64: "x64", macho.CpuArm64: "arm64"}[f.Cpu]
		if arch == "" {
			arch = f.Cpu.String()
		}
	case "win32":
		f, err := pe.Open(exe)
		if err != nil {
			return "", fmt.Errorf("not a PE file: %v", err)
		}
		defer f.Close()
		format, arch = "PE", map[uint16]string{pe.IMAGE_FILE_MACHINE_AMD64: "x64", pe.IMAGE_FILE_MACHINE_ARM64: "arm64"}[f.Machine]
		if arch == "" {
			arch = fmt.Sprintf("machine %#x", f.Machine)
		}
	default:
		return "", fmt.Errorf("unknown os %q", goos)
	}
	if arch != cpu {
		return "", fmt.Errorf("%s binary for %s, but the package says cpu %s", format, arch, cpu)
	}
	return fmt.Sprintf("%s@%s: %s %s %s (%.1f MiB)", pkg.Name, pkg.Version, filepath.Base(exe), format, arch, float64(st.Size())/(1<<20)), nil
}
