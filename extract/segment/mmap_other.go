//go:build !unix

package segment

import "os"

// mapFile reads the file at path (no memory mapping on this system).
func mapFile(path string) ([]byte, error) { return os.ReadFile(path) }
