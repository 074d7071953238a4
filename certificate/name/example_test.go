package name_test

import (
	"fmt"

	"github.com/realname-go/realname/certificate/name"
)

func ExampleMatch() {
	fmt.Println(name.Match("Müller", "MUELLER"))
	fmt.Println(name.Match("Müller", "MULLER"))
	fmt.Println(name.Match("Jean-Pierre O'Brien", "OBRIEN JEAN PIERRE"))
	fmt.Println(name.Match("阿依古丽·买买提", "阿依古丽买买提"))
	fmt.Println(name.Match("Anna Eriksson", "ERIKSEN ANNA"))
	// Output:
	// true
	// true
	// true
	// true
	// false
}

func ExampleMatchMRZ() {
	// The zone's name filled its field and was cut after MARTI.
	fmt.Println(name.MatchMRZ("Gerard Robbert Martinus Sebastiaan van Nieuwenhuizen",
		"VAN NIEUWENHUIZEN", "GERARD ROBBERT MARTI", true))
	fmt.Println(name.MatchMRZ("Gerard Robbert Martinus Sebastiaan van Nieuwenhuizen",
		"VAN NIEUWENHUIZEN", "GERARD ROBBERT MARTI", false))
	// Output:
	// true
	// false
}

func ExampleNormalize() {
	fmt.Println(name.Normalize("  Müller-Lüdenscheidt,  Jürgen "))
	fmt.Println(name.Normalize("ERIKSSON<<ANNA<MARIA<<<<"))
	// Output:
	// MULLER LUDENSCHEIDT JURGEN
	// ERIKSSON ANNA MARIA
}
