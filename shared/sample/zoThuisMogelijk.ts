import type { Domain } from '../live';
import type { NoteColour } from '../schema/note';
import type { SessionDraft } from '../schema/sessionDraft';

/**
 * The sample session ("Voorbeeldsessie openen"): seed 000, the report of the theme meeting
 * "Zo thuis mogelijk!" of 14 September 2023, as a first-time user would have run it in Bouwplaats.
 * Everything here is the seed's own words — its three questions, its points A–D turned into the
 * notes a subgroup would write, its observation and closing call — except the people (fictional
 * first names, and some without a name, as joining allows) and the case text, which is made up
 * whole and names nobody (a case is about a child; the seed's real one is not in its report).
 * Who is at the table mirrors the seed too: nobody from school ("onderwijs is vaak de grote
 * afwezige"), and group 2 without a parent or ervaringsdeskundige.
 * Data only; shared/sample/fillSample.ts writes it into docs.
 */

/** The parts of the house a sample note lies in (HOUSE_TEMPLATE's zone ids). */
export type SampleZone = 'roof' | 'walls' | 'foundation';

/** Someone at a table. `key` links them to their notes; the name is optional, as at joining. */
export interface SamplePerson {
  readonly key: string;
  readonly name?: string;
  readonly domain?: Domain;
  /** The colour their notes have (people tend to keep one pad of sticky notes). */
  readonly colour: NoteColour;
}

export interface SampleNote {
  readonly zone: SampleZone;
  readonly text: string;
  /** The `key` of who wrote it, in the same group. */
  readonly by: string;
}

export interface SampleGroup {
  readonly name: string;
  readonly people: readonly SamplePerson[];
  /** In the order they were written: each goes to the next free place in its part (freeSpotInZone). */
  readonly notes: readonly SampleNote[];
}

export interface SampleSession {
  /** Title, date, organiser, introduction, group names and the three questions, as "Nieuwe sessie" takes them. */
  readonly draft: SessionDraft;
  /** When the people joined (ms since 1970): the seed's morning, one minute apart. */
  readonly joinedFrom: number;
  readonly groups: readonly SampleGroup[];
  /** The plenary case: fictional, no names, nothing that identifies a child. */
  readonly caseText: string;
  /** What the room said about the case ("hoe dit aan te pakken"), numbered in this order. */
  readonly discussionPoints: readonly string[];
  /** What the facilitator noted during the morning. */
  readonly observations: string;
  /** The ervaringsdeskundige's closing call. */
  readonly closingWords: string;
  /** The closing reflection's common denominators, points A–D, as the seed words them. */
  readonly reflection: readonly string[];
}

const TITLE = 'Themabijeenkomst Zo thuis mogelijk!';

export const ZO_THUIS_MOGELIJK: SampleSession = {
  draft: {
    title: TITLE,
    date: '2023-09-14',
    place: '',
    organiser: 'Regio Zuid Oost Utrecht',
    intro:
      'Voorbeeldsessie, gevuld met de woorden uit het verslag van deze themabijeenkomst. ' +
      'Het thema Zo thuis mogelijk! is de gezamenlijke ambitie van het samenwerkingsverband Jeugd Verblijf ZOU, Yeph én de ' +
      'gemeenten uit de regio Zuid Oost Utrecht voor kinderen waarbij het niet vanzelfsprekend (meer) is om thuis te wonen. ' +
      'Met elkaar werken we aan een verbetering van het aanbod om nog meer kinderen zo thuis mogelijk te laten opgroeien en ' +
      'verblijf alleen in te zetten als dat kansrijk is en het echt niet anders kan.',
    groups: ['Groep 1', 'Groep 2', 'Groep 3'],
    questions: {
      foundation:
        'Welke brede kennis en kunde is nodig om een stevig thuis voor kinderen in complexe situaties te kunnen (blijven) bieden? ' +
        'Welk fundament zorgt voor een stevige basis om kinderen/gezinnen de juiste hulp te bieden?',
      walls:
        'Welke werkwijze of methode is belangrijk en succesvol gebleken om een stevig thuis voor kinderen in complexe situaties ' +
        'te kunnen (blijven) bieden? Waarvan willen we meer zien en doen omdat dit bijdraagt aan de ambitie?',
      roof: 'Wat hebben we nodig, van onze organisaties/leidinggevenden, of elkaar, om het huis stevig te maken en houden?',
    },
  },
  // 14 September 2023, 09:30 in the Netherlands (CEST, UTC+2).
  joinedFrom: Date.UTC(2023, 8, 14, 7, 30),
  groups: [
    {
      name: 'Groep 1',
      people: [
        { key: 'anouk', name: 'Anouk', domain: 'lokaal-team', colour: 'yellow' },
        { key: 'bas', name: 'Bas', domain: 'zorgaanbieder', colour: 'blue' },
        { key: 'carla', name: 'Carla', domain: 'ouder-ervaringsdeskundige', colour: 'pink' },
        { key: 'dirk', name: 'Dirk', domain: 'vrije-tijd', colour: 'green' },
      ],
      notes: [
        { zone: 'foundation', by: 'anouk', text: 'Systemisch kijken: de jeugdige in zijn gezin en omgeving' },
        { zone: 'foundation', by: 'bas', text: 'Kennis van de huidige complexe problematiek onder jeugdigen' },
        { zone: 'foundation', by: 'carla', text: 'Ervaringskennis van ouders telt mee' },
        { zone: 'foundation', by: 'dirk', text: 'Weten wat vrije tijd voor een jeugdige betekent' },
        { zone: 'foundation', by: 'anouk', text: 'Kennis van elkaars rol en aanbod' },
        { zone: 'walls', by: 'bas', text: 'Werk systemisch: daar kunnen we niet meer omheen' },
        { zone: 'walls', by: 'anouk', text: 'Een team rondom een jeugdige uit gezin, school en vrije tijd' },
        { zone: 'walls', by: 'anouk', text: '1Gezin1Plan1Regisseur' },
        { zone: 'walls', by: 'carla', text: 'De procesregisseur stelt het team samen; soms kunnen ouders dit zelf' },
        { zone: 'walls', by: 'dirk', text: 'Sportclub en vereniging meenemen in het plan' },
        { zone: 'walls', by: 'bas', text: 'Verblijf alleen als het kansrijk is en het echt niet anders kan' },
        { zone: 'roof', by: 'anouk', text: 'Verwachtingen afstemmen: wat is ieders rol?' },
        { zone: 'roof', by: 'bas', text: 'Ruimte voor innovatie' },
        { zone: 'roof', by: 'bas', text: 'Vertrouwen van leidinggevenden om het uit te voeren' },
        { zone: 'roof', by: 'carla', text: 'Onderwijs aan tafel!' },
        { zone: 'roof', by: 'dirk', text: 'Tijd om als team samen te werken' },
      ],
    },
    {
      name: 'Groep 2',
      people: [
        { key: 'esra', name: 'Esra', domain: 'lokaal-team', colour: 'orange' },
        { key: 'floor', name: 'Floor', domain: 'zorgaanbieder', colour: 'blue' },
        { key: 'gijs', name: 'Gijs', domain: 'beleid', colour: 'purple' },
        { key: 'hanna', name: 'Hanna', domain: 'zorgaanbieder', colour: 'yellow' },
      ],
      notes: [
        { zone: 'foundation', by: 'esra', text: 'Brede kennis van wat er in de regio is' },
        { zone: 'foundation', by: 'floor', text: 'Kennis van verblijf én ambulante hulp' },
        { zone: 'foundation', by: 'gijs', text: 'Weten wat een stevig thuis maakt' },
        { zone: 'foundation', by: 'hanna', text: 'Kennis van wat kinderen in complexe situaties nodig hebben' },
        { zone: 'walls', by: 'esra', text: 'Samen één plan met het gezin' },
        { zone: 'walls', by: 'floor', text: 'Elkaar aanspreken op afspraken' },
        { zone: 'walls', by: 'hanna', text: 'Samen reflecteren op een casus' },
        { zone: 'walls', by: 'esra', text: 'Vroeg consultatie vragen, niet pas als het vastloopt' },
        { zone: 'walls', by: 'floor', text: 'Ambulant waar het kan: zo thuis mogelijk' },
        { zone: 'walls', by: 'gijs', text: 'Heldere afspraken over processen tussen lokaal team en aanbieder' },
        { zone: 'roof', by: 'esra', text: 'Niet alleen staan in een casus' },
        { zone: 'roof', by: 'gijs', text: 'Verwachtingen afstemmen van ieders rol' },
        { zone: 'roof', by: 'hanna', text: 'Ruimte om te vernieuwen' },
        { zone: 'roof', by: 'floor', text: 'Vertrouwen aan elkaar geven' },
        { zone: 'roof', by: 'gijs', text: 'Steun van onze organisaties om het huis stevig te houden' },
      ],
    },
    {
      name: 'Groep 3',
      people: [
        { key: 'ilse', name: 'Ilse', domain: 'ouder-ervaringsdeskundige', colour: 'pink' },
        { key: 'jeroen', name: 'Jeroen', domain: 'lokaal-team', colour: 'green' },
        { key: 'karim', name: 'Karim', domain: 'zorgaanbieder', colour: 'blue' },
        { key: 'gezin3', domain: 'gezin', colour: 'orange' },
        { key: 'anoniem3', colour: 'yellow' },
      ],
      notes: [
        { zone: 'foundation', by: 'ilse', text: 'Ouders zijn deskundig over hun eigen kind' },
        { zone: 'foundation', by: 'jeroen', text: 'Kennis over het hele gezin, niet alleen over het kind' },
        { zone: 'foundation', by: 'karim', text: 'Weten welke hulp past bij dit gezin' },
        { zone: 'foundation', by: 'gezin3', text: 'Kennis van de leefwereld van de jeugdige' },
        { zone: 'walls', by: 'ilse', text: 'Ouders versterken door kennis over te brengen' },
        { zone: 'walls', by: 'ilse', text: 'Ouders in contact brengen met ouders in soortgelijke situaties' },
        { zone: 'walls', by: 'jeroen', text: 'Team rondom de jeugdige: gezin, school en vrije tijd' },
        { zone: 'walls', by: 'karim', text: 'Eén regisseur die het overzicht houdt' },
        { zone: 'walls', by: 'gezin3', text: 'Samen met het gezin het plan maken' },
        { zone: 'roof', by: 'jeroen', text: 'Zorg dat onderwijs ook betrokken wordt' },
        { zone: 'roof', by: 'ilse', text: 'Niemand alleen laten staan in een casus, ook ouders niet' },
        { zone: 'roof', by: 'karim', text: 'Ruimte voor innovatie en vertrouwen om het te doen' },
        { zone: 'roof', by: 'jeroen', text: 'Elkaar aanspreken en samen reflecteren' },
        { zone: 'roof', by: 'anoniem3', text: 'Tijd en ruimte van leidinggevenden' },
      ],
    },
  ],
  caseText:
    'Een jongen van veertien woont met zijn moeder en twee jongere zusjes. Sinds vorig schooljaar gaat hij steeds minder ' +
    'naar school, en thuis lopen de spanningen hoog op. Het lokale team is betrokken, er komt een ambulant hulpverlener over de ' +
    'vloer en de school maakt zich zorgen, maar ieder werkt vanuit een eigen plan. Moeder vraagt om een plek buiten huis; de ' +
    'jongen wil thuis blijven wonen. De zorgaanbieder die de casus inbrengt, vraagt: hoe pakken we dit aan, zo thuis mogelijk?',
  discussionPoints: [
    'Wie heeft de regie, en weet het gezin wie dat is?',
    'Breng gezin, school en vrije tijd samen aan tafel, met één plan.',
    'Wat is er thuis nodig om verblijf te voorkomen?',
    'Moeder heeft zelf ook steun nodig: contact met ouders in een soortgelijke situatie.',
  ],
  observations:
    'Uit verschillende groepjes kwam naar voren dat men zich alleen voelt staan in een casus. Dit geldt zowel voor lokale ' +
    'teams als voor zorgaanbieders, maar ook zeker voor ouders.',
  closingWords:
    'De aanwezige ervaringsdeskundige sluit de ochtend af met de oproep om ouders te versterken door het overbrengen van ' +
    'kennis en het tot stand brengen van contact met ouders in soortgelijke situaties. Verder is onderwijs vaak de grote ' +
    'afwezige; zorg dat dit domein ook betrokken wordt!',
  reflection: [
    'Werk systemisch, in de huidige complexe problematiek onder jeugdigen kunnen we daar niet meer omheen.',
    'Als gevolg van bovenstaande, is het nodig om een team rondom een jeugdige samen te stellen, bestaande uit de verschillende ' +
      'domeinen waarin een jeugdige verkeert (gezin, school, vrije tijd). Dit zou geïntegreerd moeten worden in de aanpak ' +
      '1Gezin1Plan1Regisseur, waarbij de procesregisseur (soms kunnen ouders dit, anders is dit de consultant) dit team samenstelt.',
    'Belangrijk om met elkaar de verwachtingen af te stemmen van ieders rol en op welke wijze werken wij met elkaar samen. Dit ' +
      'laatste gaat over processen, maar ook zeker over elkaar aanspreken op, reflectie, etc.',
    'Ruimte bieden aan innovatie en het vertrouwen aan elkaar geven om dit uit te voeren.',
  ],
};
