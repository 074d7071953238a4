// Package internal holds machinery shared by several packages of the module:
// text folding for numbers as people type them (textfold) and check-digit
// algorithms (checksum). Nothing here is API.
package internal
