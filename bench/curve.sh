#!/bin/sh
# Ingest curve: for each N, N copies of the corpus made distinct (a line
# appended to every copy), ingested into a fresh index under /usr/bin/time
# -v; prints wall and CPU time, MB/s, index bytes per text byte, peak RSS
# and search latency (bench/searchlat: p50/p95 in one process).
#
#   bench/curve.sh [-b ./planlens] [-d WORKDIR] [CORPUS_DIR] N...
#   bench/curve.sh testdata/corpus 1 4 16
#
# Extra ingest flags can be passed in $INGEST_FLAGS (e.g. --shards 1).
set -eu
bin=
work=
while [ $# -gt 0 ]; do
	case $1 in
	-b) bin=$2; shift 2 ;;
	-d) work=$2; shift 2 ;;
	*) break ;;
	esac
done
corpus=$1; shift
[ -n "$work" ] || { work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; }
if [ -z "$bin" ]; then
	go build -o "$work/planlens" ./cmd/planlens
	bin=$work/planlens
fi
go build -o "$work/searchlat" ./bench/searchlat
printf '%-4s %6s %9s %9s %8s %8s %8s %9s %s\n' copies docs MB wall_s cpu_s MB/s ix_B/B peakRSS search
for n in "$@"; do
	c=$work/c$n
	if [ ! -d "$c" ]; then
		mkdir -p "$c"
		i=1
		while [ $i -le "$n" ]; do
			for f in "$corpus"/*.txt; do
				{ cat "$f"; printf '\n（副本%d）\n' "$i"; } >"$c/$(basename "$f" .txt)-copy$i.txt"
			done
			i=$((i + 1))
		done
	fi
	rm -rf "$work/ix$n"
	/usr/bin/time -v "$bin" ingest ${INGEST_FLAGS:-} --index "$work/ix$n" "$c" >/dev/null 2>"$work/t$n"
	grep -q "ingest: $(ls "$c" | wc -l) documents" "$work/t$n" || { cat "$work/t$n" >&2; exit 1; }
	bytes=$(cat "$c"/*.txt | wc -c)
	ixb=$(du -sb "$work/ix$n" | cut -f1)
	lat=$("$work/searchlat" "$work/ix$n" | sed 's/^searchlat: //')
	awk -F': ' -v n="$n" -v docs="$(ls "$c" | wc -l)" -v bytes="$bytes" -v ixb="$ixb" -v lat="$lat" '
		/Elapsed \(wall clock\)/ { k = split($2, p, ":"); w = 0; for (i = 1; i <= k; i++) w = w * 60 + p[i] }
		/User time|System time/ { cpu += $2 }
		/Maximum resident set size/ { rss = $2 / 1024 }
		END { printf "%-4s %6d %9.1f %9.1f %8.1f %8.2f %8.1f %6.0f MB %s\n", n "x", docs, bytes / 1e6, w, cpu, bytes / 1e6 / w, ixb / bytes, rss, lat }' "$work/t$n"
done
