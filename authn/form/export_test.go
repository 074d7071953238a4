package form

// SlotsInUse returns how many inspection and upload slots are taken.
func SlotsInUse(h *Handler) (inspections, uploads int) { return len(h.sem), len(h.uploads) }
