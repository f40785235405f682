package segment

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"unsafe"

	"github.com/go-ego/gse"
	"github.com/vcaesar/cedar"
)

// A snapshot is gse's dictionary after loading — the cedar trie, the token
// table with frequencies, path distances and the search-mode sub-segments
// that gse's CalcToken computes by segmenting every entry — written to a
// file so that later processes read it back instead of rebuilding it.
//
// gse keeps all of this in unexported fields. The codec finds them by name
// and type with reflection once per load (layoutOf) and refuses to run when
// gse's types are not the ones it was written for; Load then builds the
// dictionary the slow way. The file starts with a header holding a format
// version, the key (a SHA-256 of everything the dictionary is built from:
// gse's module version and checksum, the policy lexicon, the user
// dictionaries, the architecture) and a CRC-32C of the payload; a file whose
// header does not match is rebuilt, never trusted.

const (
	snapMagic   = "PLSEGSNP"
	snapVersion = 2
	snapHeader  = 8 + 4 + 32 + 8 + 4
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// layout holds the offsets of the gse fields the codec reads and writes.
type layout struct {
	dictTrie, dictMaxLen, dictTokens, dictTotal uintptr
	tokText, tokFreq, tokPos, tokDist, tokSegs  uintptr
	segStart, segEnd, segPos, segTok            uintptr
	tokSize                                     uintptr
}

func fieldOffset(t reflect.Type, name string, want reflect.Type) (uintptr, error) {
	f, ok := t.FieldByName(name)
	if !ok || len(f.Index) != 1 {
		return 0, fmt.Errorf("segment: snapshot: gse type %s has no field %s", t, name)
	}
	if f.Type != want {
		return 0, fmt.Errorf("segment: snapshot: gse field %s.%s is %s, not %s", t, name, f.Type, want)
	}
	return f.Offset, nil
}

// layoutOf checks gse's types against the codec and returns the offsets.
func layoutOf() (*layout, error) {
	var (
		l    layout
		errs []error
	)
	off := func(t reflect.Type, name string, want reflect.Type) uintptr {
		o, err := fieldOffset(t, name, want)
		errs = append(errs, err)
		return o
	}
	dict := reflect.TypeOf(gse.Dictionary{})
	tok := reflect.TypeOf(gse.Token{})
	seg := reflect.TypeOf(gse.Segment{})
	intT, f64 := reflect.TypeOf(0), reflect.TypeOf(0.0)
	l.dictTrie = off(dict, "trie", reflect.TypeOf((*cedar.Cedar)(nil)))
	l.dictMaxLen = off(dict, "maxTokenLen", intT)
	l.dictTokens = off(dict, "Tokens", reflect.TypeOf([]gse.Token(nil)))
	l.dictTotal = off(dict, "totalFreq", f64)
	l.tokText = off(tok, "text", reflect.TypeOf([]gse.Text(nil)))
	l.tokFreq = off(tok, "freq", f64)
	l.tokPos = off(tok, "pos", reflect.TypeOf(""))
	l.tokDist = off(tok, "distance", reflect.TypeOf(float32(0)))
	l.tokSegs = off(tok, "segments", reflect.TypeOf([]*gse.Segment(nil)))
	l.segStart = off(seg, "start", intT)
	l.segEnd = off(seg, "end", intT)
	l.segPos = off(seg, "Position", intT)
	l.segTok = off(seg, "token", reflect.TypeOf((*gse.Token)(nil)))
	l.tokSize = tok.Size()
	if tok.NumField() != 5 || seg.NumField() != 4 || dict.NumField() != 4 {
		errs = append(errs, errors.New("segment: snapshot: gse's Token, Segment or Dictionary has fields the codec does not know"))
	}
	if err := checkPlain(reflect.TypeOf(cedar.Cedar{}), true); err != nil {
		errs = append(errs, err)
	}
	return &l, errors.Join(errs...)
}

// checkPlain reports whether t holds no pointers and only kinds the cedar
// codec writes: bools, ints, bytes, arrays of them, and (at the top level)
// slices of pointer-free structs.
func checkPlain(t reflect.Type, top bool) error {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Uint8:
		return nil
	case reflect.Array:
		return checkPlain(t.Elem(), false)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Type.Kind() == reflect.Slice && top {
				if err := checkPlain(f.Type.Elem(), false); err != nil {
					return err
				}
				continue
			}
			if err := checkPlain(f.Type, false); err != nil {
				return fmt.Errorf("segment: snapshot: %s.%s: %w", t, f.Name, err)
			}
		}
		return nil
	}
	return fmt.Errorf("segment: snapshot: cannot write %s", t)
}

func at[T any](p unsafe.Pointer, off uintptr) *T { return (*T)(unsafe.Add(p, off)) }

// snapshotKey hashes everything the dictionary is built from.
func snapshotKey(dicts []userDict) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "planlens segment snapshot %d %s %s %d\n", snapVersion, runtime.GOARCH, runtime.Version(), unsafe.Sizeof(0))
	gseVersion := gse.GetVersion()
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "github.com/go-ego/gse" || m.Path == "github.com/vcaesar/cedar" {
				if m.Replace != nil {
					m = m.Replace
				}
				gseVersion += " " + m.Path + "@" + m.Version + " " + m.Sum
			}
		}
	}
	fmt.Fprintf(h, "%s\n%d\n%s\n", gseVersion, len(policyDict), policyDict)
	for _, d := range dicts {
		fmt.Fprintf(h, "%s\n%d\n%s\n", d.name, len(d.data), d.data)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// snapshotPath returns the snapshot file for key, or "" when snapshots are
// off or there is no cache directory.
func snapshotPath(cache string, key [32]byte) string {
	if cache == "off" {
		return ""
	}
	if cache == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		cache = filepath.Join(dir, "planlens", "segment")
	}
	return filepath.Join(cache, fmt.Sprintf("dict-%x.snap", key[:12]))
}

// writer appends the snapshot payload.
type writer struct{ b []byte }

func (w *writer) uvarint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *writer) int(v int) {
	if v < 0 {
		panic("segment: snapshot: negative value")
	}
	w.uvarint(uint64(v))
}
func (w *writer) u64(v uint64) { w.b = binary.LittleEndian.AppendUint64(w.b, v) }
func (w *writer) u32(v uint32) { w.b = binary.LittleEndian.AppendUint32(w.b, v) }
func (w *writer) bytes(b []byte) {
	w.int(len(b))
	w.b = append(w.b, b...)
}

// reader reads the payload; the first error sticks and later reads return
// zero values.
type reader struct {
	b   []byte
	p   int
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("segment: snapshot: corrupt at byte %d: %s", r.p, what)
	}
}
func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.p:])
	if n <= 0 {
		r.fail("bad varint")
		return 0
	}
	r.p += n
	return v
}

// int reads a count or offset no larger than max.
func (r *reader) int(max int) int {
	v := r.uvarint()
	if v > uint64(max) {
		r.fail("value out of range")
		return 0
	}
	return int(v)
}
func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b)-r.p {
		r.fail("truncated")
		return nil
	}
	b := r.b[r.p : r.p+n : r.p+n]
	r.p += n
	return b
}
func (r *reader) u64() uint64 {
	b := r.take(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}
func (r *reader) u32() uint32 {
	b := r.take(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}
func (r *reader) bytes() []byte { return r.take(r.int(len(r.b))) }

// encodePlain writes a value accepted by checkPlain: scalars as varints,
// slices as a length and their raw memory.
func encodePlain(w *writer, v reflect.Value) {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			w.uvarint(1)
		} else {
			w.uvarint(0)
		}
	case reflect.Int:
		w.u64(uint64(v.Int()))
	case reflect.Uint8:
		w.uvarint(v.Uint())
	case reflect.Array:
		for i := range v.Len() {
			encodePlain(w, v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			encodePlain(w, fieldValue(v, i))
		}
	case reflect.Slice:
		n := v.Len()
		w.int(n)
		for len(w.b)%8 != 0 { // raw memory starts 8-aligned in the file
			w.b = append(w.b, 0)
		}
		if n > 0 {
			size := int(v.Type().Elem().Size()) * n
			w.b = append(w.b, unsafe.Slice((*byte)(v.UnsafePointer()), size)...)
		}
	}
}

func decodePlain(r *reader, v reflect.Value) {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(r.uvarint() != 0)
	case reflect.Int:
		v.SetInt(int64(r.u64()))
	case reflect.Uint8:
		v.SetUint(uint64(r.int(255)))
	case reflect.Array:
		for i := range v.Len() {
			decodePlain(r, v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			decodePlain(r, fieldValue(v, i))
		}
	case reflect.Slice:
		esize := int(v.Type().Elem().Size())
		n := r.int(len(r.b) / max(esize, 1))
		for r.p%8 != 0 && r.err == nil {
			r.take(1)
		}
		raw := r.take(n * esize)
		if r.err != nil || n == 0 {
			return
		}
		if uintptr(unsafe.Pointer(&raw[0]))%uintptr(v.Type().Elem().Align()) == 0 {
			// the slice is the file's memory: no copy
			v.Set(reflect.SliceAt(v.Type().Elem(), unsafe.Pointer(&raw[0]), n))
			return
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		copy(unsafe.Slice((*byte)(s.UnsafePointer()), n*esize), raw)
		v.Set(s)
	}
}

// fieldValue returns field i of the addressable struct v, settable even
// when unexported.
func fieldValue(v reflect.Value, i int) reflect.Value {
	f := v.Field(i)
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

func (l *layout) writeToken(w *writer, tp unsafe.Pointer) {
	texts := *at[[]gse.Text](tp, l.tokText)
	w.int(len(texts))
	for _, t := range texts {
		w.bytes(t)
	}
	w.u64(math.Float64bits(*at[float64](tp, l.tokFreq)))
	w.bytes([]byte(*at[string](tp, l.tokPos)))
	w.u32(math.Float32bits(*at[float32](tp, l.tokDist)))
}

// encodeSnapshot serialises the segmenter's dictionary. The tokens'
// search-mode sub-segments are left out: SubWords computes them.
func encodeSnapshot(l *layout, seg *gse.Segmenter) ([]byte, error) {
	dp := unsafe.Pointer(seg.Dict)
	trie := *at[*cedar.Cedar](dp, l.dictTrie)
	if trie == nil {
		return nil, errors.New("segment: snapshot: dictionary has no trie")
	}
	w := &writer{b: make([]byte, 0, 64<<20)}
	encodePlain(w, reflect.ValueOf(trie).Elem())
	toks := seg.Dict.Tokens
	w.int(*at[int](dp, l.dictMaxLen))
	w.u64(math.Float64bits(*at[float64](dp, l.dictTotal)))
	nText := 0
	for i := range toks {
		nText += len(*at[[]gse.Text](unsafe.Pointer(&toks[i]), l.tokText))
	}
	w.int(len(toks))
	w.int(nText)
	for i := range toks {
		l.writeToken(w, unsafe.Pointer(&toks[i]))
	}
	return w.b, nil
}

// decoder holds the arena the token texts are carved from.
type decoder struct {
	l     *layout
	r     *reader
	texts []gse.Text
}

func (d *decoder) readToken(tp unsafe.Pointer) {
	r := d.r
	n := r.int(len(d.texts))
	texts := d.texts[:n:n]
	d.texts = d.texts[n:]
	for i := range texts {
		texts[i] = r.bytes()
	}
	*at[[]gse.Text](tp, d.l.tokText) = texts
	*at[float64](tp, d.l.tokFreq) = math.Float64frombits(r.u64())
	if pos := r.bytes(); len(pos) > 0 {
		*at[string](tp, d.l.tokPos) = unsafe.String(&pos[0], len(pos))
	}
	*at[float32](tp, d.l.tokDist) = math.Float32frombits(r.u32())
}

// decodeSnapshot rebuilds a dictionary from payload, which it keeps and
// which must not change afterwards: the trie's arrays, the token texts and
// the tags point into it.
func decodeSnapshot(l *layout, payload []byte) (*gse.Dictionary, error) {
	r := &reader{b: payload}
	trie := new(cedar.Cedar)
	decodePlain(r, reflect.ValueOf(trie).Elem())
	maxLen := r.int(math.MaxInt32)
	total := math.Float64frombits(r.u64())
	nTok, nText := r.int(len(payload)), r.int(len(payload))
	if r.err != nil {
		return nil, r.err
	}
	toks := make([]gse.Token, nTok)
	d := &decoder{l: l, r: r, texts: make([]gse.Text, nText)}
	for i := range toks {
		d.readToken(unsafe.Pointer(&toks[i]))
		if r.err != nil {
			return nil, r.err
		}
	}
	if r.p != len(payload) || len(d.texts) != 0 {
		r.fail("counts do not match the content")
		return nil, r.err
	}
	dict := &gse.Dictionary{Tokens: toks}
	dp := unsafe.Pointer(dict)
	*at[*cedar.Cedar](dp, l.dictTrie) = trie
	*at[int](dp, l.dictMaxLen) = maxLen
	*at[float64](dp, l.dictTotal) = total
	return dict, nil
}

// readSnapshot reads and checks the snapshot file at path.
func readSnapshot(path string, key [32]byte) (*gse.Dictionary, error) {
	l, err := layoutOf()
	if err != nil {
		return nil, err
	}
	b, err := mapFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < snapHeader || string(b[:8]) != snapMagic {
		return nil, fmt.Errorf("segment: snapshot %s: not a snapshot", path)
	}
	if v := binary.LittleEndian.Uint32(b[8:]); v != snapVersion {
		return nil, fmt.Errorf("segment: snapshot %s: format version %d, want %d", path, v, snapVersion)
	}
	if !bytes.Equal(b[12:44], key[:]) {
		return nil, fmt.Errorf("segment: snapshot %s: stale (built from another dictionary)", path)
	}
	payload := b[snapHeader:]
	if n := binary.LittleEndian.Uint64(b[44:]); n != uint64(len(payload)) {
		return nil, fmt.Errorf("segment: snapshot %s: %d payload bytes, header says %d", path, len(payload), n)
	}
	if crc := binary.LittleEndian.Uint32(b[52:]); crc != crc32.Checksum(payload, crcTable) {
		return nil, fmt.Errorf("segment: snapshot %s: checksum mismatch", path)
	}
	dict, err := decodeSnapshot(l, payload)
	if err != nil {
		return nil, fmt.Errorf("%w (%s)", err, path)
	}
	return dict, nil
}

// writeSnapshot writes seg's dictionary to path atomically (a temporary
// file renamed into place), so that a concurrent reader sees either no
// file or a whole one.
func writeSnapshot(path string, key [32]byte, seg *gse.Segmenter) error {
	l, err := layoutOf()
	if err != nil {
		return err
	}
	payload, err := encodeSnapshot(l, seg)
	if err != nil {
		return err
	}
	hdr := make([]byte, 0, snapHeader)
	hdr = append(hdr, snapMagic...)
	hdr = binary.LittleEndian.AppendUint32(hdr, snapVersion)
	hdr = append(hdr, key[:]...)
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(payload)))
	hdr = binary.LittleEndian.AppendUint32(hdr, crc32.Checksum(payload, crcTable))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("segment: snapshot: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".snap-*")
	if err != nil {
		return fmt.Errorf("segment: snapshot: %w", err)
	}
	_, err = f.Write(append(hdr, payload...))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("segment: snapshot: %w", err)
	}
	return nil
}
