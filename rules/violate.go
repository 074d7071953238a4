package rules

// Violate returns a violation of code with the given severity and retryable
// flag. params are name, value pairs ("limit", "3"); a trailing name without
// a value is ignored. Personal values must be masked by the caller.
func Violate(code Code, sev Severity, retryable bool, params ...string) Violation {
	v := Violation{Code: code, Severity: sev, Retryable: retryable}
	if n := len(params) / 2; n > 0 {
		v.Params = make([]Param, n)
		for i := range n {
			v.Params[i] = Param{Name: params[2*i], Value: params[2*i+1]}
		}
	}
	return v
}

// At returns a copy of v whose field is field.
func (v Violation) At(field string) Violation {
	v.Field = field
	return v
}

// Under returns a copy of v whose field path is prefixed with path: "" becomes
// path, "name" becomes "path.name" and "[2]" becomes "path[2]".
func (v Violation) Under(path string) Violation {
	v.Field = joinPath(path, v.Field)
	return v
}

func joinPath(path, field string) string {
	switch {
	case path == "":
		return field
	case field == "":
		return path
	case field[0] == '[':
		return path + field
	}
	return path + "." + field
}
