// Package internal holds machinery shared by several packages of the module:
// text folding for numbers as people type them (textfold), check-digit
// algorithms (checksum) and formatting that masks personal data (masked).
// Nothing here is API.
package internal
