// Package ner finds the names of people, organisations, places and other
// named things (PER, ORG, LOC, MISC) in a document, as byte spans.
//
// The recognizer follows Ratinov & Roth (2009, "Design Challenges and
// Misconceptions in Named Entity Recognition"): BILOU labels, an averaged
// structured perceptron with Viterbi decoding, local features (word,
// shape, affixes, capitalisation in context, word classes learned from
// unlabeled news, a gazetteer of training-data names), and a second pass
// that adds what the first pass decided elsewhere in the document. It is
// trained on CoNLL-2003 English (research use only: Reuters RCV1 text) and
// scored with conlleval's exact-span micro F1 (Score).
package ner
