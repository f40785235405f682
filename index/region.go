package index

import (
	"strings"

	"github.com/planlens/planlens/gazetteer"
)

// regionKeys are the region_path values of a document of region: the
// region as given, its canonical path, and the path and code of every
// division that contains it, so that a filter on 北京市 (or 110000) finds
// 北京市朝阳区 and 朝阳区.
func regionKeys(g *gazetteer.Gazetteer, region string) []string {
	region = strings.TrimSpace(region)
	if region == "" {
		return nil
	}
	keys := []string{region}
	add := func(k string) {
		for _, x := range keys {
			if x == k {
				return
			}
		}
		if k != "" {
			keys = append(keys, k)
		}
	}
	if region == gazetteer.RegionNational {
		add("000000")
		return keys
	}
	add(g.Canonical(region))
	i, rest, ok := g.Resolve(region)
	if !ok {
		return keys
	}
	if rest != "" { // a town below the table: its division counts too
		add(g.Path(i))
	} else {
		add(g.Place(i).Code)
	}
	if rest != "" {
		add(g.Place(i).Code)
	}
	for _, a := range g.Ancestors(i) {
		add(g.Path(a))
		add(g.Place(a).Code)
	}
	return keys
}

// regionKey is the region_path value a filter looks for: the canonical
// path of a name, short name or code the gazetteer knows, else the string.
func regionKey(g *gazetteer.Gazetteer, region string) string {
	region = strings.TrimSpace(region)
	if region == gazetteer.RegionNational || gazetteer.IsNational(region) {
		return gazetteer.RegionNational
	}
	if i, ok := g.Lookup(region); ok {
		return g.Path(i)
	}
	return g.Canonical(region)
}
