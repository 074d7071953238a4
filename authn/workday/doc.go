// Package workday counts working days, for review deadlines such as "a
// reviewer answers within three working days".
//
// # Calendars
//
// A [Calendar] says whether a calendar date is a working day. [Weekends] is the
// generic default: Monday to Friday work, Saturday and Sunday do not.
// [ChinaMainland] is the official calendar of the Chinese mainland, with its
// public holidays and make-up working days (调休上班), from an embedded table
// whose version is [ChinaMainlandVersion]. The State Council publishes each
// year's arrangement in November of the year before, so the table covers only
// published years: for any other year the calendar returns an error matching
// [ErrYearNotPublished] rather than guessing. [WithFallback] answers such years
// from another calendar (usually [Weekends]) and marks those answers as
// estimates, which [Deadline] reports in [Due.Estimated].
//
// # Loading a year published later
//
// The embedded table is read from china_mainland.txt, in the text format of
// [ParseTable]. A service that must count days of a year announced after its
// release of this module need not wait for a new release: it writes the
// notice's holidays and make-up working days in the same format, reads the
// file at start-up with ParseTable, and passes [Merge](ChinaMainland(), t)
// wherever it passed ChinaMainland(). Years in the loaded table replace or
// extend the embedded ones; the merged [Table.Version] names both. Invalid
// data is refused whole, with a [*TableError] naming a stable code and the
// line, never half-loaded. [Table.WriteTo] writes any table in the format.
// A loaded year wins over the embedded one even when a later release embeds
// a corrected year: drop the file once the release that embeds its year is
// in use.
//
// # Deadlines
//
// [AddWorkingDays] moves forward by working days; [Deadline] computes the day
// by which a review is due: the n-th working day after the day of submission,
// taken in a time zone, and due at the end of that day.
package workday
