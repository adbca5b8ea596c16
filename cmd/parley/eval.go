package main

// evalCommands lists the gold-data scorers; each is defined beside the
// stage it measures.
func evalCommands() []command {
	return []command{
		{"sbd", "sbd [PATH]: sentence boundaries on the English Golden Rules", evalSBD},
		{"tokens", "tokens [PATH]: token-boundary F1 on UD English EWT test", evalTokens},
		{"pos", "pos [PATH]: UPOS/XPOS accuracy on UD English EWT test", evalPOS},
		{"dep", "dep [PATH]: UAS/LAS on UD English EWT test", evalDep},
		{"ner", "ner [PATH]: conlleval F1 on CoNLL-2003 test", evalNER},
		{"timex", "timex [DIR]: TempEval-3 extent, type and value scores", evalTimex},
		{"gap", "gap [PATH]: pronoun resolution F1 on GAP test", evalGAP},
		{"quotes", "quotes [DIR]: source, cue and content F1 on PolNeAR test", evalQuotes},
		{"events", "events [DIR]: PLOVER type accuracy and macro F1 on PLV test", evalEvents},
	}
}

// trainCommands lists the model trainers.
func trainCommands() []command {
	return []command{
		{"pos", "pos --data DIR --out FILE: train the part-of-speech tagger", trainPOS},
		{"dep", "dep --data DIR --out FILE: train the dependency parser", trainDep},
		{"ner", "ner --data DIR --out FILE: train the entity recognizer", trainNER},
	}
}

// tagCommands lists the taggers that read and write standard formats.
func tagCommands() []command {
	return []command{
		{"pos", "pos --conllu < in: tag parts of speech", tagPOS},
		{"dep", "dep --conllu < in: tag and parse", tagDep},
		{"ner", "ner --conll < in: tag named entities", tagNER},
	}
}
