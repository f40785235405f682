#!/bin/sh
# Speed benchmark: whole processes under /usr/bin/time -v, medians of N runs
# (default 3), planlens beside gse's bare segmentation (bench/gsecut) of the
# same text in the same session, and the ratios. Absolute times depend on the
# machine's load; the ratios are what to compare.
#
#   bench/run.sh [-n 3] [-b ./planlens] [CORPUS_DIR]
#
# CORPUS_DIR defaults to testdata/corpus. Builds planlens and gsecut into a
# temporary directory unless -b names a planlens binary. Needs GNU time.
set -eu
n=3
bin=
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift 2 ;;
	-b) bin=$2; shift 2 ;;
	*) break ;;
	esac
done
corpus=${1:-testdata/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$bin" ]; then
	go build -o "$tmp/planlens" ./cmd/planlens
	bin=$tmp/planlens
fi
go build -o "$tmp/gsecut" ./bench/gsecut
small=$(ls -S "$corpus"/*.txt | tail -1)
# one big document: the corpus concatenated until it is over 20 MB
big=$tmp/big.txt
while [ ! -s "$big" ] || [ "$(wc -c <"$big")" -lt 21000000 ]; do cat "$corpus"/*.txt >>"$big"; done
# a private user cache: the first planlens run builds the dictionary
# snapshot there, the others read it
export XDG_CACHE_HOME="$tmp/cache"

# measure LABEL CMD...: runs CMD n times; prints the median wall seconds,
# CPU seconds (user+sys) and peak RSS (MB) and leaves them in $wall, $cpu
# and $rss.
measure() {
	label=$1; shift
	: >"$tmp/w"; : >"$tmp/r"; : >"$tmp/c"
	i=0
	while [ $i -lt "$n" ]; do
		/usr/bin/time -v "$@" >/dev/null 2>"$tmp/t" || { cat "$tmp/t" >&2; exit 1; }
		awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/t" >>"$tmp/w"
		awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$tmp/t" >>"$tmp/c"
		awk -F': ' '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }' "$tmp/t" >>"$tmp/r"
		i=$((i + 1))
	done
	wall=$(sort -n "$tmp/w" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	rss=$(sort -n "$tmp/r" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	cpu=$(sort -n "$tmp/c" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	printf '%-44s %7.2f s wall %7.2f s cpu %6d MB\n' "$label" "$wall" "$cpu" "$rss"
}
ratio() { awk -v a="$1" -v b="$2" -v l="$3" 'BEGIN { printf "%-44s %7.2fx\n", l, a / b }'; }

echo "medians of $n runs; corpus $corpus ($(cat "$corpus"/*.txt | wc -c) bytes), small file $(basename "$small")"
measure "gse: load zh_s" "$tmp/gsecut" -load-only
pw=$wall; pr=$rss; pc=$cpu
n0=$n; n=1
measure "planlens: first run (builds the snapshot)" "$bin" extract "$small"
n=$n0
measure "planlens: extract one small file" "$bin" extract "$small"
ratio "$wall" "$pw" "  start-up wall vs gse's load"
ratio "$rss" "$pr" "  start-up peak RSS vs gse's load"
sc=$cpu
measure "gse: load + bare cut of the corpus" "$tmp/gsecut" "$corpus"
gw=$wall; gr=$rss; gc=$cpu
measure "planlens: extract the corpus" "$bin" extract "$corpus"
ratio "$wall" "$gw" "  extract wall vs gse's bare cut"
ratio "$rss" "$gr" "  extract peak RSS vs gse's bare cut"
ratio "$cpu" "$gc" "  extract cpu vs gse's bare cut"
ratio "$(awk -v a="$cpu" -v b="$sc" 'BEGIN{print a-b}')" "$(awk -v a="$gc" -v b="$pc" 'BEGIN{print a-b}')" "  cpu minus each one's start-up"
measure "gse: load + bare cut of a 21 MB document" "$tmp/gsecut" "$big"
gw=$wall; gr=$rss
# planlens stops such a file at its record cap (extract.DefaultMaxRecords,
# "split it"): this measures the way there, and the exit status is ignored
measure "planlens: extract a 21 MB document (cap)" sh -c "'$bin' extract --max-size 67108864 '$big' 2>/dev/null; true"
ratio "$wall" "$gw" "  21 MB wall vs gse's bare cut"
ratio "$rss" "$gr" "  21 MB peak RSS vs gse's bare cut"
measure "planlens: ingest the corpus (fresh index)" sh -c "rm -rf '$tmp/ix' && exec '$bin' ingest --index '$tmp/ix' '$corpus'"
measure "planlens: search, cold process" "$bin" search --index "$tmp/ix" 学校开工
