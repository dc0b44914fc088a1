/**
 * Names the personal-data check looks for (personalData.ts), shipped with the app so that nothing
 * leaves the machine.
 *
 * Where they come from: compiled by hand for Bouwplaats (2026-11) from the most common first names
 * and surnames in the Netherlands as published by the Meertens Instituut (Nederlandse Voornamenbank,
 * frequency of first names in the population; Nederlandse Familienamenbank, the most frequent family
 * names) and CBS / the Sociale Verzekeringsbank (the yearly lists of popular first names for
 * newborns). It is not a copy of those databases: it takes the names that are common in each
 * generation that meets in a youth-care session (children, parents, grandparents, professionals),
 * including names common in Dutch families of Moroccan, Turkish, Surinamese and Antillean descent,
 * each name in the spelling used most. Surnames carry their particles ("de Vries", "van den Berg").
 *
 * A name that is not here can still be found from its context (after a first name, after "mevrouw",
 * "juf", "moeder", …, or with initials): see names.ts.
 */

// Written as whitespace-separated words to keep the file readable; split once at load.
const FIRST_NAME_TEXT = `
Aaron Abdel Abdelkader Abdullah Abel Abdul Adam Adnan Adriaan Adrian Adrianus Ahmad Ahmed Ahmet
Aiden Alan Albert Alex Alexander Alfons Ali Amin Amir Anas Andre André Andreas Andries Anton Antoon
Arend Arie Arjan Arjen Armin Arnold Arnoud Arthur Aryan Ayoub Bart Bas Bastiaan Ben Benjamin Benno
Bernard Bert Bilal Björn Bob Boaz Boris Bouke Bram Brian Bryan Burak Carlos Cas Casper Cees Chris
Christiaan Christian Christiaan Cor Cornelis Daan Dani Daniel Daniël Dave David Davy Dean Dennis Derk
Desmond Dex Dick Diederik Diego Dion Dirk Dylan Ed Eddy Edwin Eelco Egbert Elias Emiel Emre Eric Erik
Ernst Erwin Esra Evert Fabian Faisal Felix Ferdinand Finn Floris Frank Frans Fred Freek Frits Gabriel
Gerard Gerben Gerrit Gert Gijs Gilles Giovanni Gerjan Glenn Guido Guus Hakan Hamza Hans Harm Harold
Hasan Hassan Hein Hendrik Henk Henri Herman Hidde Hubert Huib Hugo Hüseyin Ibrahim Idris Ilias Imran
Ismail Ivan Ivo Jaap Jack Jacob Jacobus Jamal Jan Jannes Jasper Jason Jay Jayden Jelle Jelmer Jens
Jeroen Jesse Jim Job Jochem Joep Joeri Johan Johannes John Jonas Jonathan Joop Joost Jordy Joris Jorn
Jorrit Jos Jose José Joshua Josse Julian Julius Jurre Jurgen Justin Kai Karel Karim Kars Kasper
Kees Kevin Khalid Kjeld Klaas Koen Kris Lars Laurens Leendert Leo Leon Levi Liam Lorenzo Louis Luc
Luca Lucas Ludo Luuk Maarten Mahmoud Malik Marc Marcel Marco Mario Marius Mark Marnix Martijn Martin
Mason Mathijs Mats Matthijs Max Maurice Mees Mehmet Melvin Menno Michael Michel Michiel Mick Mike
Mika Milan Milo Mitchel Mohamed Mohammed Morris Mustafa Naoufal Nathan Nick Nico Niek Niels Nigel
Noah Noud Olaf Oliver Olivier Omar Onno Oscar Otis Otto Owen Patrick Paul Pepijn Peter Petrus Piet
Pieter Pim Quinten Rachid Rafael Ralph Ramon Raoul Rayan Remco Remy René Rens Richard Rick Rico Rik
Rinus Rob Robbert Robert Robin Rodney Roel Roelof Rogier Roland Romano Ron Ronald Roy Ruben Rudi Rudy
Ruud Ryan Said Sam Sami Samuel Sander Sebastiaan Sem Siem Sietse Sil Simon Sjaak Sjoerd Soufiane
Stan Stefan Stephan Steven Stijn Storm Sven Teun Thijmen Thijs Thomas Ties Tijmen Tijn Tim Timo Tobias Tom
Toon Tristan Twan Victor Vincent Vince Walter Wil Willem William Wim Wout Wouter Xavier Yassin Yasin
Youssef Yusuf Yunus Zakaria Zeger

Aafke Aaltje Adriana Agnes Aisha Aicha Alexandra Alida Alice Amber Amira Amy Ana Anke Angela
Angelique Anita Anja Anjali Ank Anna Anne Anneke Annemarie Annemieke Annet Annette Annie Anouk Antje
Astrid Aya Ayla Barbara Beatrix Bea Bente Bep Bernadette Bianca Birgit Bo Brenda Britt Carla Carlijn
Carmen Caroline Catharina Cato Celine Chantal Charlotte Chloë Christa Christel Christina Cindy Claire
Claudia Corine Cornelia Cynthia Daisy Dana Danielle Daphne Debby Demi Dewi Diana Dina Dominique Dora
Dorien Doris Dorothea Ebru Eline Elif Elin Elise Elisabeth Ella Ellen Elles Els Elsa Elske Emily
Emine Emma Erica Esmee Esra Esther Eva Evelien Evi Fatima Fatma Femke Fem Fenna Fenne Fien Fiene Fleur
Floor Francien Frederique Gea Geertje Geertruida Gerda Gerdien Gina Gonny Greet Hanna Hannah Hanneke
Hatice Heleen Helen Helena Hendrika Hester Hiba Hilde Ilona Ilse Imane Ineke Inge Ingrid Iris Irma Isa
Isabel Isabella Isabelle Ivy Jacqueline Jade Janna Janneke Jantine Jasmijn Jasmin Jeanette Jennifer
Jenny Jessica Jet Jill Joanne Johanna Jolanda Jolien Josephine Joyce Judith Julia Julie Juul Karin
Kayleigh Khadija Kim Kimberley Kirsten Klaartje Lana Lara Latifa Laura Lauren Lea Leah Leila Lena
Leonie Lieke Lies Liesbeth Lieve Lina Linda Lisa Lise Lisanne Liv Lize Lois Loïs Lot Lotte Lotus
Louise Lucia Lucy Luna Lynn Madelief Maaike Maartje Malika Manon Mara Marieke Margreet Maria Marian
Mariska Marjan Marjolein Marleen Marloes Marlies Marloes Martha Martine Maud Maya Meike Merel Meryem
Mia Michelle Miep Mila Mirjam Monique Myrthe Nadia Naima Nancy Naomi Natasja Nicole Nienke Nina Noa
Noor Nora Nour Olivia Paula Petra Pien Pleun Priscilla Puck Rachel Renate Rianne Riet Rosa Rosalie
Roos Rosanne Ruth Saar Sabine Salma Samira Sandra Sanne Sara Sarah Saskia Selin Selma Senna Sevda
Silvia Simone Sofia Sofie Sophia Sophie Stella Stephanie Sterre Suzanne Sylvia Tamara Tanja Tess
Tessa Thea Tineke Tirza Toos Trees Truus Valerie Vera Veerle Wendy Wilhelmina Willemijn Willeke Wilma
Yara Yasmina Yasmine Yvonne Zara Zeynep Zoë Zoey
`;

/**
 * Surnames with their particles, in the usual spelling when a first name goes before them ("van
 * Dijk"); the check also accepts the particle capitalised ("Van Dijk", "De Vries").
 */
const SURNAME_TEXT = `
de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|
de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|
van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van der Veen|van den Broek|
de Bruijn|de Bruin|van der Heijden|Schouten|van Beek|Willems|van Vliet|van de Ven|Hoekstra|Maas|
Verhoeven|Koster|van Dam|van der Wal|Prins|Blom|Huisman|Peeters|de Jonge|Kuipers|van Veen|Post|
Kuiper|Veenstra|Kramer|van den Brink|Scholten|van Wijk|Postma|Martens|Vink|de Ruiter|Timmermans|
Groen|Gerritsen|Jonker|van Loon|Boer|van der Velde|Willemsen|Smeets|de Lange|de Vos|Bosch|van Dongen|
Schipper|de Koning|van der Laan|Koning|van der Velden|Driessen|van Doorn|Hermans|Evers|van den Bosch|
van der Meulen|Hofman|Bosman|Wolters|Sanders|van der Horst|Mol|Kuijpers|Molenaar|van de Pol|
de Leeuw|Verbeek|Meyer|Mertens|Claassen|Pieters|Wouters|Bouma|Boersma|Jongsma|Terpstra|Wiersma|
Hiemstra|Kingma|Zijlstra|Bruinsma|de Haas|van Rooij|van Rooijen|Verhagen|Verhoef|Schuurman|Klaassen|
Gerrits|Goossens|Verstappen|Bosma|van der Zee|van Schaik|Schreurs|Kroon|de Jager|Teunissen|Arends|
Lammers|Roelofs|Vermeer|Verweij|van Gils|Damen|van Os|van der Ploeg|van Zanten|van Dalen|Kamphuis|
Wessels|Otten|Knol|de Waal|Vonk|Buijs|Mooij|van Eck|Koopman|Koopmans|van Gelder|Brinkman|Hoogland|
van Kampen|Hartman|Simons|Rutten|Michels|Theunissen|van Wijngaarden|Wagenaar|van Eijk|Hoogendoorn|
van Rijn|van Es|de Wilde|Bouwman|Veldman|Veldhuis|Nijland|Nijhuis|Oosterhuis|Reinders|Lubbers|
Hendriksen|Jonkers|Dijkman|Hoogeveen|Verbruggen|Hofstra|van Beers|Franken|Beekman|de Ridder|
van Vugt|Tromp|van Dam|Bijl|Baars|Keizer|Stam|Boon|de Beer|Vis|Kerkhof|van de Kerkhof|Vogel|Zwart|
Bouman|van Hout|Wijnen|Heijnen|Pronk|Brands|Mulders|Lamers|van Ommen|Spijkerman|Hulshof|Elzinga|
van Egmond|van Rijswijk|Mathijssen|Verheijen|Hendrix|Nijssen|Rademaker|Langeveld|van Houten|
van Beek|Sprenger|Aarts|Coenen|Janssens|Verschuren|Vermeulen|van Zon|van Hal|Hoek|van der Hoek|
Vroom|Ouwehand|Hoogenboom|Koot|Kooij|van der Kooij|Roos|Zuidema|de Hoop|Baas|Kaya|Yilmaz|Demir|Sahin|
Çelik|Öztürk|Aydin|Yildiz|Arslan|Dogan|Özdemir|El Amrani|El Idrissi|Bouzid|Benali|Bakkali|Amrani|
Ouali|Haddou|Ramdin|Sital|Ramkisoen|Mahabier|Martina|Isenia|Doran
`;

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Lower-cased first names (NFC). */
export const FIRST_NAMES: ReadonlySet<string> = new Set(words(FIRST_NAME_TEXT).map((n) => n.normalize('NFC').toLowerCase()));

/**
 * Lower-cased surnames with their particles, one space between words ("van den berg").
 */
export const SURNAMES: ReadonlySet<string> = new Set(
  SURNAME_TEXT.split('|')
    .map((n) => n.trim().replace(/\s+/g, ' ').normalize('NFC').toLowerCase())
    .filter(Boolean),
);

/**
 * Names that are also ordinary Dutch words (or words that start a Dutch sentence): "Roos" (rose),
 * "Mark", "Wil" (want), "Ben" (am), "Bakker" (baker), "Hoop" (hope) … At the start of a sentence,
 * where every word is capitalised, such a word alone is not taken for a name; elsewhere a capital
 * still marks it (Dutch does not capitalise nouns). Made by checking every name above against the
 * OpenTaal word list (the lower-case words in its Hunspell dictionary, 2026-11) and keeping those a
 * Dutch sentence may start with; names that are only rare or archaic words there ("kees", "piet",
 * "peter") are left out, since at a sentence start they are names far more often.
 */
export const AMBIGUOUS_NAMES: ReadonlySet<string> = new Set(
  words(`
ben wil mark roos job max bas jet storm merel iris amber fleur mees jade lieve rob
frank els riet lot jasmijn madelief lotus sterre bob toon ernst kris jack
bakker visser mulder bos vos kok dekker brouwer koster prins post kramer schipper groen boer koning
mol vink kuiper baas keizer stam boon vis kerkhof vogel zwart hoek kroon knol vonk jonker molenaar
koopman tromp maas baars pronk vroom bijl
`),
);
