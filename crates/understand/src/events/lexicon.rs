//! The words that say what happened, written for Parallax from the PLOVER
//! category definitions (the PLOVER manual, CC BY-SA 4.0, is the ontology;
//! no dictionary file of PETRARCH or PLOVER is copied here).
//!
//! Each line: a category, a mode, how the words behave, and the word forms
//! (every inflection written out: matching is exact, on lowercase words).
//! A form with `+` is a phrase (`hunger+strike`).

use std::collections::HashMap;
use std::sync::LazyLock;

use parallax_model::EventType::{self, *};

/// How a trigger takes part in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A verbal act that governs what follows: in `threatened to ban the
    /// party` the event is the threat, not the ban.
    Governs,
    /// An act done: its category may turn into `AGREE` or `THREATEN` when
    /// only intended (`will withdraw`), or `REJECT` when refused.
    Acts,
}

/// One entry of the lexicon.
#[derive(Debug, Clone, Copy)]
pub struct Trigger {
    pub kind: EventType,
    pub mode: &'static str,
    pub role: Role,
}

use Role::{Acts, Governs};

const ENTRIES: &[(EventType, &str, Role, &str)] = &[
    // AGREE: offers, promises, agreements.
    (
        Agree,
        "",
        Governs,
        "agree agrees agreed agreeing agreement agreements pledge pledges pledged pledging promise promises promised promising offer offers offered offering accept accepts accepted accepting vowed vow vows sworn swore consent consents consented undertook undertake undertakes reached+agreement reach+agreement reached+a+deal reach+a+deal deal accord guarantee guaranteed guarantees assure assured assures propose proposes proposed proposal invite invites invited invitation",
    ),
    // CONSULT: meetings, visits, calls, talks, mediation.
    (
        Consult,
        "",
        Acts,
        "meet meets met meeting meetings talks negotiate negotiates negotiated negotiating negotiation negotiations discuss discusses discussed discussing discussion discussions consult consults consulted consulting consultation consultations summit conferred confer held+talks hold+talks holds+talks talked talk+with talks+with dialogue conversation received+a+delegation arrived+in",
    ),
    (Consult, "visit", Acts, "visit visits visited visiting"),
    (Consult, "host", Acts, "hosts hosted hosting"),
    (
        Consult,
        "phone",
        Acts,
        "phoned telephoned phone+call telephone+call phone+conversation telephone+conversation spoke+by+phone spoke+by+telephone call+between calls+between",
    ),
    (
        Consult,
        "third-party",
        Acts,
        "mediate mediates mediated mediating mediation mediator",
    ),
    // SUPPORT: verbal, diplomatic support.
    (
        Support,
        "",
        Acts,
        "support supports supported supporting praise praises praised praising welcome welcomes welcomed welcoming endorse endorses endorsed endorsing commend commends commended commending hail hails hailed congratulate congratulates congratulated congratulating recognize recognizes recognized recognise recognises recognised apologize apologizes apologized apologise apologised apology forgive forgives forgave defend defends defended defending signed sign signs signing ratify ratifies ratified ratification upgraded upgrade backed endorsement applaud applauds applauded lauded laud thanked thank thanks approve approves approved approval solidarity normalize normalized normalise normalised restored+relations restore+relations established+relations recognition reaffirmed",
    ),
    // CONCEDE: concessions in word or law.
    (
        Concede,
        "",
        Acts,
        "concede concedes conceded concession concessions lift lifts lifted lifting ease eases eased easing relax relaxes relaxed relaxing called+off call+off calls+off pardon pardons pardoned amnesty compromise compromised yielded yield backed+down back+down softened reversed",
    ),
    (Concede, "ceasefire", Acts, "ceasefire cease-fire truce"),
    // COOPERATE: mutual material exchange.
    (
        Cooperate,
        "",
        Acts,
        "cooperate cooperates cooperated cooperating cooperation collaborate collaborated collaboration share shares shared sharing exchange exchanged exercises war+games manoeuvres maneuvers trade traded extradite extradited extradition partnership alliance coordinate coordinated coordinating exchanges",
    ),
    // AID: material help to the target.
    (
        Aid,
        "",
        Acts,
        "aid donate donates donated donation donations give gives gave giving grant grants granted provide provides provided providing assistance loan loans supply supplies supplied deliver delivers delivered delivering send+aid sent+aid sends+aid send+arms sent+arms sends+arms send+weapons sent+weapons asylum relief evacuated evacuate evacuation handed+over help helps helped helping assist assists assisted funding funded fund financed finance contributed shipped airlifted rescued sheltered",
    ),
    // RETREAT: concessions with material effect.
    (
        Retreat,
        "",
        Acts,
        "withdraw withdraws withdrew withdrawn withdrawing withdrawal pull+out pulled+out pulls+out retreat retreated retreats release releases released releasing freed free frees surrender surrenders surrendered resign resigns resigned resignation disarm disarms disarmed disarmament demobilize demobilized returned repatriated allowed allow allows reopened re-open re-opened let permitted permit permits repatriation stepped+down step+down steps+down quit disbanded handed+back lifted+the+siege",
    ),
    // REQUEST: demands, appeals, orders.
    (
        Request,
        "",
        Governs,
        "demand demands demanded demanding urge urges urged urging call+on calls+on called+on call+for calls+for called+for calling+for appeal appeals appealed appealing ask asks asked asking request requests requested requesting insist insists insisted insisting order orders ordered ordering sought seek seeks seeking plead pleads pleaded pressured pressuring pressed+for called+upon calls+upon call+upon petition petitioned lobbied pushed+for push+for",
    ),
    // ACCUSE: accusations, criticism, lawsuits, investigations.
    (
        Accuse,
        "",
        Governs,
        "accuse accuses accused accusing accusation accusations criticize criticizes criticized criticizing criticise criticises criticised criticising criticism condemn condemns condemned condemning condemnation denounce denounces denounced denouncing blame blames blamed blaming complain complains complained complaining complaint deplore deplored decry decried sue sues sued suing lawsuit lodged lodge lodges allege alleges alleged allegation allegations rebuke rebuked slammed lambasted objected disapproved guilty convicted charged charges indicted indictment questioned",
    ),
    (
        Accuse,
        "investigate",
        Acts,
        "investigate investigates investigated investigating investigation investigations probe probes probed probing inquiry inspectors inspection",
    ),
    // REJECT: refusals and defiance.
    (
        Reject,
        "",
        Governs,
        "reject rejects rejected rejecting rejection refuse refuses refused refusing refusal decline declines declined declining veto vetoes vetoed vetoing deny denies denied denying dismiss dismisses dismissed dismissing oppose opposes opposed opposing turned+down spurned rebuffed defy defies defied defying resist resists resisted disputed disputes ruled+out rules+out rule+out balked disagreed",
    ),
    // THREATEN: threats and ultimatums.
    (
        Threaten,
        "",
        Governs,
        "threaten threatens threatened threatening threat threats warn warns warned warning ultimatum menaced deadline vowed vow vows sworn swore",
    ),
    // PROTEST: collective dissent.
    (Protest, "", Acts, "protest protests protested protesting"),
    (
        Protest,
        "demo",
        Acts,
        "demonstrate demonstrates demonstrated demonstrating demonstration demonstrations rally rallies rallied march marches marched marching picket picketed sit-in",
    ),
    (Protest, "hunger", Acts, "hunger+strike hunger+strikes"),
    (
        Protest,
        "strike",
        Acts,
        "strike strikes walkout stopped+work",
    ),
    (Protest, "riot", Acts, "riot riots rioted rioting"),
    (
        Protest,
        "boycott",
        Acts,
        "boycott boycotts boycotted boycotting",
    ),
    (
        Protest,
        "obstruct",
        Acts,
        "blocked block blocks blocking blockade blockaded barricade barricades",
    ),
    // SANCTION: reduced relations.
    (
        Sanction,
        "",
        Acts,
        "sanction sanctions sanctioned embargo embargoes sever severs severed broke+off break+off cancelled canceled cancel freeze froze frozen recalled cut+ties cuts+ties downgraded downgrade blacklisted tariffs walked+out walk+out",
    ),
    (
        Sanction,
        "expel",
        Acts,
        "expel expels expelled expelling expulsion",
    ),
    (
        Sanction,
        "discontinue",
        Acts,
        "suspend suspends suspended suspending suspension halted halt ended+mediation terminated",
    ),
    // MOBILIZE: force shown, not used.
    (
        Mobilize,
        "",
        Acts,
        "mobilize mobilizes mobilized mobilizing mobilise mobilised mobilization deploy deploys deployed deploying deployment dispatched+troops patrols patrolled high+alert drills send+troops sent+troops sends+troops reinforce reinforced reinforcements massed alert",
    ),
    // COERCE: repression.
    (Coerce, "arrest", Acts, "arrest arrests arrested arresting"),
    (
        Coerce,
        "detain",
        Acts,
        "detain detains detained detaining detention jailed imprisoned sentenced rounded+up",
    ),
    (
        Coerce,
        "confiscate",
        Acts,
        "confiscate confiscates confiscated confiscation seize seizes seized seizure",
    ),
    (
        Coerce,
        "destroy",
        Acts,
        "destroy destroys destroyed demolish demolished razed set+fire torched",
    ),
    (
        Coerce,
        "ban",
        Acts,
        "ban bans banned banning outlaw outlaws outlawed prohibit prohibits prohibited",
    ),
    (
        Coerce,
        "censor",
        Acts,
        "censor censored censorship defaced shut+down",
    ),
    (Coerce, "curfew", Acts, "curfew"),
    (
        Coerce,
        "martial-law",
        Acts,
        "martial+law state+of+emergency state+of+siege",
    ),
    (
        Coerce,
        "deport",
        Acts,
        "deport deports deported deporting deportation",
    ),
    (
        Coerce,
        "restrict",
        Acts,
        "restrict restricts restricted restriction restrictions prevent prevents prevented crackdown cracked+down raid raids raided dispersed disperse evicted tear+gas",
    ),
    // ASSAULT: force used.
    (
        Assault,
        "",
        Acts,
        "attack attacks attacked attacking kill kills killed killing murder murdered wound wounded wounding injure injured clash clashes clashed fight fights fought fighting battle battles battled invade invaded invasion occupy occupied captured capture offensive cleansing ambushed ambush stormed besieged siege assault assaulted overran executed execution beheaded slaughtered burned",
    ),
    (
        Assault,
        "assassinate",
        Acts,
        "assassinate assassinated assassination",
    ),
    (
        Assault,
        "explosives",
        Acts,
        "bomb bombs bombed bombing bombings explosion explosions blast",
    ),
    (
        Assault,
        "suicide-attack",
        Acts,
        "suicide+bombing suicide+bomber suicide+attack",
    ),
    (
        Assault,
        "heavy-weapons",
        Acts,
        "shell shells shelled shelling airstrike airstrikes air+strike air+strikes artillery missile+strike missile+strikes drone+strike drone+strikes",
    ),
    (
        Assault,
        "firearms",
        Acts,
        "shot shoot shoots shooting opened+fire gunbattle gunfire gunned+down fired+on fired+at",
    ),
    (
        Assault,
        "abduct",
        Acts,
        "abduct abducted abduction kidnap kidnapped kidnapping hijack hijacked seized+hostages took+hostage",
    ),
    (Assault, "torture", Acts, "torture tortured torturing"),
    (
        Assault,
        "primitive",
        Acts,
        "stabbed stabbing hacked+to+death",
    ),
    (Assault, "beat", Acts, "beat+up beaten"),
    (Assault, "sexual", Acts, "rape raped"),
    (Assault, "massacre", Acts, "massacre massacred"),
];

/// The forms that start with one word: the rest of their words and the
/// trigger, longest first.
type Forms = Vec<(Vec<&'static str>, Trigger)>;

/// First word of a form → the forms it starts.
static INDEX: LazyLock<HashMap<&'static str, Forms>> = LazyLock::new(|| {
    let mut index: HashMap<&'static str, Forms> = HashMap::new();
    for &(kind, mode, role, forms) in ENTRIES {
        for form in forms.split_whitespace() {
            let mut words = form.split('+');
            let Some(first) = words.next() else { continue };
            let trigger = Trigger { kind, mode, role };
            index
                .entry(first)
                .or_default()
                .push((words.collect(), trigger));
        }
    }
    for entries in index.values_mut() {
        entries.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
    }
    index
});

/// The trigger starting at `words[0]` (lowercase) and how many words it takes.
pub fn lookup(words: &[&str]) -> Option<(Trigger, usize)> {
    let first = words.first()?;
    INDEX.get(first)?.iter().find_map(|(rest, trigger)| {
        let follows = rest.len() < words.len() && rest.iter().zip(&words[1..]).all(|(a, b)| a == b);
        follows.then_some((*trigger, 1 + rest.len()))
    })
}

/// A weapon or means named anywhere in the sentence says how force was used
/// when the verb does not (`killed ... in a bomb attack`).
pub fn assault_mode(word: &str) -> Option<&'static str> {
    Some(match word {
        "bomb" | "bombs" | "bombing" | "explosive" | "explosives" | "mine" | "mines"
        | "grenade" | "grenades" | "ied" | "ieds" => "explosives",
        "gun" | "guns" | "gunmen" | "gunman" | "rifle" | "rifles" | "pistol" | "gunfire"
        | "gunbattle" | "shots" | "bullets" => "firearms",
        "missile" | "missiles" | "rocket" | "rockets" | "artillery" | "mortar" | "mortars"
        | "tank" | "tanks" | "aircraft" | "gunships" | "helicopter" | "warplanes" | "jets"
        | "airstrike" | "airstrikes" | "shelling" => "heavy-weapons",
        "machete" | "machetes" | "knife" | "knives" | "axes" | "stones" | "rocks" => "primitive",
        "suicide" => "suicide-attack",
        _ => return None,
    })
}

/// Whether doing this to someone is hostile: intended, it is a threat;
/// otherwise an offer.
pub fn is_hostile(kind: EventType) -> bool {
    matches!(
        kind,
        Protest | Sanction | Mobilize | Coerce | Assault | Reject | Threaten | Accuse
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_win_over_their_first_word() {
        let (t, n) = lookup(&["hunger", "strike", "on"]).unwrap();
        assert_eq!((t.kind, t.mode, n), (Protest, "hunger", 2));
        let (t, n) = lookup(&["called", "for", "talks"]).unwrap();
        assert_eq!((t.kind, n), (Request, 2));
        assert!(lookup(&["hunger"]).is_none());
        assert!(lookup(&["said"]).is_none());
    }
}
