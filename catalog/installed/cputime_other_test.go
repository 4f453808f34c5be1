//go:build !unix

package installed

import "time"

func processCPU() time.Duration { return 0 }
