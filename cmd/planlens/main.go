// Command planlens extracts numeric targets, named projects and actions from
// Chinese policy documents, scores them against gold annotations, and
// indexes them for search. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/segment"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, newEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}

// env is what a command may touch of the outside world; tests give buffers.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// stderrTTY reports whether stderr is a terminal (progress bars only then).
	stderrTTY bool
	// extractors builds the extractor of a command; nil means
	// newExtractor. Tests give one that shares a single extractor per
	// test binary.
	extractors func(dicts []string) (*extract.Extractor, error)
}

// extractor returns the extractor for a command run with --dict dicts.
func (e *env) extractor(dicts []string) (*extract.Extractor, error) {
	if e.extractors != nil {
		return e.extractors(dicts)
	}
	return newExtractor(dicts)
}

// newExtractor builds an extractor. Without user dictionaries it uses the
// process-wide segmenter that the index analyzer uses too (one dictionary
// in memory); with them, a segmenter of its own.
func newExtractor(dicts []string) (*extract.Extractor, error) {
	opts := extract.Options{Dicts: dicts}
	if len(dicts) == 0 {
		seg, err := segment.Shared()
		if err != nil {
			return nil, err
		}
		opts.Segmenter = seg
	}
	return extract.New(opts)
}

func newEnv() *env {
	return &env{
		stdin:     os.Stdin,
		stdout:    os.Stdout,
		stderr:    os.Stderr,
		getenv:    os.Getenv,
		stderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// command is one subcommand. run returns nil for success; an *exitError
// for a chosen exit status; any other error is printed and exits 1.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists the subcommands in the order --help shows them.
func commands() []command {
	return []command{
		extractCommand(),
		panelCommand(),
		evalCommand(),
		trainCommand(),
		ingestCommand(),
		searchCommand(),
		statsCommand(),
		serveCommand(),
	}
}

// exitError carries an exit status; msg, when set, is printed to stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// errUsage marks command-line mistakes (exit status 2).
var errUsage = errors.New("usage")

func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUsage}, args...)...)
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printHelp(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		var ee *exitError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ee):
			if ee.msg != "" {
				fmt.Fprintf(e.stderr, "planlens %s: %s\n", c.name, ee.msg)
			}
			return ee.code
		case errors.Is(err, errUsage):
			fmt.Fprintf(e.stderr, "planlens %s: %v\nRun 'planlens %s --help' for usage.\n", c.name, err, c.name)
			return 2
		case errors.Is(err, context.Canceled):
			fmt.Fprintf(e.stderr, "planlens %s: interrupted\n", c.name)
			return 130
		default:
			fmt.Fprintf(e.stderr, "planlens %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "planlens: unknown command %q\n", args[0])
	printHelp(e.stderr)
	return 2
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "planlens: structured, source-grounded records from Chinese policy documents.")
	fmt.Fprintln(w, "\nUsage: planlens COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'planlens COMMAND --help' for a command's flags.")
}

// newFlags returns a FlagSet for a command that prints its usage to e.stderr.
func newFlags(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: planlens %s\n\nFlags:\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// (planlens extract seeds/ --format table).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseNoArgs parses the flags of a command that takes no positional
// arguments.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageErr("unexpected argument %q", rest[0])
	}
	return nil
}
