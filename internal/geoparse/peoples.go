package geoparse

// homePeoples are peoples that live in one country and that reports of
// conflicts name as parties: a text naming them is set there, as one
// naming an armed group of that country ("Oromo protesters", "Tiv
// farmers", "Murle raiders"). Peoples of several countries (Fulani, Hausa,
// Nuer, Hutu, Tuareg, Zaghawa) set none; peoples named like their province
// or county (Afar, Amhara, Turkana, Kachin) are not listed, as the area may
// be meant. All are on the ethnonyms of the lexicon too.
var homePeoples = []armedGroup{
	{"ET", []string{"Oromo", "Oromos"}},
	{"NG", []string{"Tiv", "Igbo", "Yoruba", "Ijaw", "Urhobo", "Itsekiri", "Berom"}},
	{"SS", []string{"Dinka", "Shilluk", "Murle"}},
	{"SD", []string{"Masalit", "Misseriya", "Rizeigat"}},
	{"SO", []string{"Hawiye", "Darod", "Isaaq", "Dhulbahante", "Majerteen"}},
	{"KE", []string{"Kalenjin", "Gabra", "Garre", "Degodia"}},
	{"CD", []string{"Lendu", "Hema", "Nande", "Banyamulenge"}},
	{"MM", []string{"Rohingya"}},
}
