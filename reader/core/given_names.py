"""Common given names by the gender they usually carry, so that "she said" is not given to
a man named just before. A name missing here (or used by both) tells nothing; titles
("Mr", "Ms") and roles ("spokeswoman") are checked as well, in `reader.core.speakers`."""

from __future__ import annotations

_FEMALE = """
abigail ada adaeze adele adriana agnes aisha alejandra alexandra alice alicia alina alison amanda amara amelia amina
amy ana anastasia andrea angela angelica anita ann anna anne annette anneliese antonia anya april ariana astrid audrey
aurora ayesha barbara beatrice belinda bernadette beth bethany betty beverly bianca blanca brenda bridget brigitte
camila carla carmen carol caroline carolyn catherine cecilia celia charlotte chiara chloe christina christine claire
clara claudia colleen consuelo cristina cynthia dagmar daisy dana daniela danielle daphne darya deborah debra deirdre
delia denise diana diane dolores donna doris dorothy edith eileen elaine eleanor elena eliza elizabeth ella ellen
eloise elsa emily emma erica erin esther eva evelyn fatima fatma felicity fiona florence frances francesca freya
gabriela gabrielle gemma genevieve georgia geraldine gertrude gillian gina giulia gloria grace greta gwen hannah
harriet hazel heather heidi helen helena helga hilary hilda holly ida ilse imogen ines inès ingrid irene iris isabel
isabella isabelle ivana jacqueline jane janet janice jasmine jean jeanne jennifer jessica jill joan joanna joanne
johanna josephine joy joyce judith judy julia julie juliet justine karen karin katarina kate katherine kathleen
kathryn katie katrin kayla keisha kelly kim kirsten klara kristin laila lara laura lauren layla leah leila lena
leticia lidiya lillian lily linda lisa liza lorna lorraine louise lucia lucía lucy luisa lydia lynn magdalena maggie
maja marcela margaret margit margot maria mariana marianne marie marina marion marisol marjorie marta martha mary
maureen maxine megan melanie melissa mercedes meredith mia michelle mildred miriam molly monica monika nadia nadine
nancy naomi natalia natalie natasha nathalie nell nicole nina noor nora norma olga olivia paola patricia paula
pauline penelope petra philippa phoebe pilar polly priya rachel ramona rebecca regina renata rhiannon rita roberta
rosa rosalind rose rosemary ruth sabine sabrina sally samantha sandra sara sarah sasha selena shannon sharon sheila
shirley silvia simone siobhan sofia sonia sophie stella stephanie susan suzanne svetlana sylvia tamara tamika tanya
teresa tess thea theresa tina tracy ursula valentina valerie vanessa vera veronica victoria violet virginia vivian
wanda wanjiru wendy yasmin yolanda yvonne zainab zara zoe zofia
"""
_MALE = """
aaron abdul abraham adam adrian ahmed alan albert alberto alejandro aleksandr alex alexander alexei alfred ali
andre andreas andrei andrew andrés angelo anthony antoine anton antonio armando arnold arthur ashok axel barry ben
benjamin bernard bill billy bob bogdan boris bradley brandon brian bruce bruno byron calvin carl carlos cedric charles
chris christian christopher clarence claude clifford colin conor craig curtis dale damian dan daniel danny darnell
darren dave david dean dennis derek diego dimitri dmitry dominic don donald doug douglas duncan dwayne dylan eamon
edgar eduardo edward edwin eli elias elliot emil emmanuel enrique eric erik ernest ernesto eugene evan fabian felix
fernando francis francisco frank franz fred frederick gabriel gareth gary gavin geoffrey george gerald gerard gerhard
giovanni glenn gordon graham grant greg gregory guillermo gustavo guy hamid hans harold harry hector hendrik henri
henrik henry herbert howard hugh hugo ian ibrahim igor isaac ivan jack jacob jacques jake jakub james jamal jan jason
javier jean-paul jeff jeffrey jens jeremy jerome jerry jesse jim jimmy joe joel johan johannes john jonah jonathan
jorge jose josé joseph joshua juan julian julio justin karl keith kenneth kevin kieran kirill klaus kurt lars lawrence
lee leo leon leonard liam lionel lorenzo louis luca lucas luis luke lyle magnus malcolm manuel marc marco marcus mario
mark martin mateo matthew matthias mattias maurice max maxim michael miguel mikhail milan mohamed mohammed morgan
muhammad nathan neil nicholas nick nigel nikolai noah norman oleg oliver omar oscar owen pablo patrick paul pedro
peter philip pierre pieter rafael rahul raj ralph ramon randall raul raymond reginald ricardo richard rick robert
roberto rodrigo roger roland roman ronald rory ross rupert russell ryan salvador samuel scott sean sebastian sergei
sergey seth simon stanislav stefan stephen steve steven stevie stuart suresh sven ted terry theo theodore thomas tim
timothy tobias todd tom tomas tomás tony trevor tyler valentin victor vikram vincent vladimir volodymyr walt walter
warren wayne wesley william willem wolfgang xavier yann yusuf yuri zachary
"""

_MORE_FEMALE = """
adelaide agatha aileen ainsley alana alba alessandra alexa alexis aliyah allison alma alys amalia amber amelie anais
anastasiya andrina angelina angharad anika annabel annabelle annie antonella arabella aria ariadne arlene ashley aoife
babette bea becky belen bella berenice bernice berta bettina beulah  bonnie briony brittany bronwen brooke
caitlin camille candace candice cara carina carlotta carmel carole carrie cassandra cassie catalina caterina cathy
ceri chantal  charlene charmaine  cheryl chidinma chinwe christa ciara cindy clare clarissa clementine
cora cordelia corinne courtney crystal dalia danuta darcy dawn deanna delphine demi  dinah dionne dominique
dora dorota dulcie ebony edna efua eilidh elaine eleni elif elisa elisabeth elise eliza ellie elodie eloise elspeth
emilia emine emmeline enid esme estelle ethel eugenia eunice evangeline eve ewa  farah fenella fernanda fern
fleur flora francine freda frieda gaby gail genevieve georgina gertie giselle gladys glenda glenys gwendolyn gwyneth
hadiza halima hattie hayley heloise henrietta hermione hester  hortense ifeoma ilona imelda  indira ingeborg
isla isobel ivy jacinta jade jana janelle janine jaqueline jeanette jemima jenna jenny jess jessie jocelyn jodie
joelle jolene jordana josefina josie juanita julianne june kamala kara karolina kasia katalin katarzyna kathy katya
kayleigh keira kemi kerry-ann kirsty kristina krystyna lacey laurel lavinia leanne leonie lesley leslie-ann letitia
lia liliana lina lindsay lindsey liesel lois lola loretta lottie louisa lourdes lucille lucinda luz lyudmila mabel
madeleine madeline madison mae mairead malgorzata mandy marcia margarita margery marguerite maria-jose mariam marianna
maribel marilyn marisa marlene martina matilda maude maura mavis maya melinda  mhairi michaela milagros millie
mina mirela mirela moira morwenna muriel myra nadia nana nanette natalya neha nell nellie nia niamh nicola ngozi
nkechi noelle noreen nuala octavia odette olive olwen oona opal ophelia orla paige pamela pandora  pearl peggy
penny perpetua petronella philomena poppy  prudence queenie rachael raquel rebekah rhoda rhonda roisin
rosalie rosanna roseanne rowena roxanne ruby rukhsana sadie saoirse sapna sarita savannah scarlett serena shabnam
sheena shelley sian sibyl sienna sigrid silvana sinead sophia stacey stephanie sunita susanna susannah suzy tabitha
tallulah tatiana tatyana  tessa thandiwe theodora thomasina tiffany tilda tracey trudy una valeria vesna
vicky vida viola vivienne wilhelmina winifred xenia yara yetunde ylva yuki yulia zelda zena zinaida zuzana
"""
_MORE_MALE = """
abdullah adebayo adekunle aidan akira alastair alasdair alfie alistair alonso alvaro amadou ambrose amir anders angus
archibald archie arjun arne augustin augustus  baltasar barnaby bartholomew basil benedict benoit bertie bertrand
bjorn blake boyd brendan brett callum cameron caspar cathal cecil chidi chinedu christoph ciaran clement clive conrad
cormac cornelius cyril cyrus dafydd damien declan deepak dermot desmond  dieter dominik donal donovan dougal
dwight eamonn ebenezer edmund elijah elliott emeka emilio emrys ephraim erasmus ernst esteban ethan eustace everett
ezra fergus finlay finn fintan florian forrest fraser gaston geraint gideon gilbert giles godfrey gonzalo gottfried
gregor griffin gwilym hamish harvey horace hubert humphrey ignacio ike ismail jaime jarrod jasper jerzy jiri joaquin
jock jonas jonty josef joost jude julius kamal kareem kazimierz keiran kelvin kenji kenny kwame kwabena laurence
laszlo leighton leopold lewis linus lloyd lochlan lucien ludwig lukas magnus marek marius marvin mathias maximilian
melvin merlin mervyn micah michal milo mitchell monty murray nasser nathaniel ned niall nico nikos niko nils obinna
oisin olaf oleksandr olumide  osvaldo oswald otto padraig pascal percy phineas piers piotr quentin quinn
rafal ralf randolph reuben rhodri rhys richie rocco rodney roderick rolf ronan rudolf rufus sanjay saul seamus
septimus sergio shane sidney silas simeon solomon spencer stanley  tadeusz tarquin teodor thaddeus thierry
tobias toby torsten travis tristan tunde ulrich ulysses vaughan vernon vijay viktor wade waldemar wallace 
wilfred wilhelm winston wojciech xavier yannick yosef yves zane zoltan
"""

# Welsh, Scottish, Irish, Nordic, Slavic, Iberian, West African and South and East Asian
# names the lists above lacked.
_WIDER_FEMALE = """
ffion cerys seren carys bethan nerys morag shona ailsa grainne eimear clodagh maeve dervla lowri catrin elin rhian
tegan aine fionnuala abby chelsea rosie tia chioma funmi folake akosua abena priyanka anjali kavita pooja deepa meera
asha akiko keiko agnieszka olena oksana irina yelena freja maren liv annika britta birgit ulrike heike anke giovanna
rocio beatriz joana manon margaux juliette kimberly lori ava evie
"""
_WIDER_MALE = """
ewan alun euan iain ruairi eoin gethin huw ieuan owain emyr gwyn bryn idris aled barney bobby graeme kirk lance noel
phil phillip reggie ronnie roy shaun terence troy zach kofi femi segun jide ravi anil rohan hiroshi takeshi tomasz
pavel dmitri mats jurgen matteo giorgio paolo enzo andres santiago joao tiago jules mathieu olivier larry kyle
bryan randy freddie connor reece fergal tadhg darragh cian cody tariq imran thabo logan mason jayden finley
"""
FEMALE = frozenset(_FEMALE.split() + _MORE_FEMALE.split() + _WIDER_FEMALE.split())
MALE = frozenset(_MALE.split() + _MORE_MALE.split() + _WIDER_MALE.split())


def gender_of_given_name(name: str) -> str | None:
    """'f', 'm' or None for the first word of `name`."""
    first = name.split()[0].lower().strip(".,") if name.split() else ""
    if first in FEMALE and first not in MALE:
        return "f"
    if first in MALE and first not in FEMALE:
        return "m"
    return None
