package scan

// Parse scans text. (Skeleton: filled in by the scanner commit.)
func Parse(text string) *File { return &File{text: text} }

// TokenAt returns the index of the token containing offset, or ending exactly at it.
func (f *File) TokenAt(offset int) (i int, ok bool) { return -1, false }

// TokenBefore returns the index of the last non-comment token ending at or before offset, -1 if none.
func (f *File) TokenBefore(offset int) int { return -1 }

// InComment reports whether offset is inside a comment.
func (f *File) InComment(offset int) bool { return false }

// InString reports whether offset is inside a string, template text or regex.
func (f *File) InString(offset int) bool { return false }
