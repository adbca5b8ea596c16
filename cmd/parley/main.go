// Command parley reads news and writes down what happened: actors, events,
// quotes and time expressions, each traceable to its evidence in the text.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// env is what a command may touch besides its arguments.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// runFunc runs one command or subcommand.
type runFunc func(ctx context.Context, e *env, args []string) error

type command struct {
	name  string
	usage string
	run   runFunc
}

// commands is parley's command table; each group lives in its own file.
func commands() []command {
	return []command{
		{"analyze", "analyze FILE|-: analyse one article and print what it says", runAnalyze},
		{"bench", "bench DIR: run the whole pipeline over a folder and print throughput", runBench},
		{"eval", "eval SET PATH: score a component on gold data", group("eval", evalCommands())},
		{"train", "train MODEL --data DIR --out FILE: rebuild a model", group("train", trainCommands())},
		{"tag", "tag pos|dep|ner: tag standard input in CoNLL formats", group("tag", tagCommands())},
		{"timex", "timex --timeml < doc: write TimeML for a document", runTimex},
		{"actors", "actors check FILE | find NAME --on DATE: work with actor dictionaries", runActors},
		{"ingest", "ingest SOURCE...: analyse and store files, folders, feeds, pages, WARCs", runIngest},
		{"query", "query events|quotes|actors|docs: search the store", runQuery},
		{"export", "export --format csv|jsonl|gdelt|plover|parquet: dump the store", runExport},
	}
}

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "parley:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, e *env, args []string) error {
	return group("", commands())(ctx, e, args)
}

// group returns a runFunc that dispatches on its first argument.
func group(name string, cmds []command) runFunc {
	return func(ctx context.Context, e *env, args []string) error {
		prefix := strings.TrimSpace("parley " + name)
		if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
			printUsage(e.stderr, prefix, cmds)
			if len(args) == 0 {
				return errUsage
			}
			return nil
		}
		for _, c := range cmds {
			if c.name == args[0] {
				return c.run(ctx, e, args[1:])
			}
		}
		printUsage(e.stderr, prefix, cmds)
		return fmt.Errorf("%s: unknown command %q", prefix, args[0])
	}
}

func printUsage(w io.Writer, prefix string, cmds []command) {
	fmt.Fprintf(w, "usage: %s COMMAND [flags] [args]\n\ncommands:\n", prefix)
	sorted := append([]command(nil), cmds...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	for _, c := range sorted {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.usage)
	}
}

// newFlags returns a FlagSet for a command that reports errors to e.
func newFlags(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: parley %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}
