# ruff: noqa: E501 - one site a line reads better than wrapped data
"""More catalog rows for `build_catalog`, one site a line (see `catalog_tables._simple`).

Format: ``name | key | category | countries | profile URL | flags...``. These sites answer
HTTP 200 for an existing profile and HTTP 404 for a missing one (the default rule).
"""

from __future__ import annotations

MORE_ROWS = r"""
# --- coding and tech ---
Bitbucket | bitbucket | coding | GLOBAL | https://bitbucket.org/{username}/
SourceHut | sourcehut | coding | GLOBAL | https://sr.ht/~{username}/
npm | npm | coding | GLOBAL | https://www.npmjs.com/~{username} | pk=npm
PyPI | pypi | coding | GLOBAL | https://pypi.org/user/{username}/ | pk=pypi
RubyGems | rubygems | coding | GLOBAL | https://rubygems.org/profiles/{username}
Packagist | packagist | coding | GLOBAL | https://packagist.org/users/{username}/
Hugging Face | huggingface | coding | GLOBAL | https://huggingface.co/{username}
Kaggle | kaggle | coding | GLOBAL | https://www.kaggle.com/{username}
HackerRank | hackerrank | coding | GLOBAL | https://www.hackerrank.com/profile/{username}
AtCoder | atcoder | coding | JP GLOBAL | https://atcoder.jp/users/{username}
CodeChef | codechef | coding | IN GLOBAL | https://www.codechef.com/users/{username}
Replit | replit | coding | GLOBAL | https://replit.com/@{username} | cf
CodePen | codepen | coding | GLOBAL | https://codepen.io/{username} | captcha
JSFiddle | jsfiddle | coding | GLOBAL | https://jsfiddle.net/user/{username}/
Glitch | glitch | coding | GLOBAL | https://glitch.com/@{username}
DEV Community | devto | coding | GLOBAL | https://dev.to/{username} | pk=devto
Launchpad | launchpad | coding | GLOBAL | https://launchpad.net/~{username}
Open Hub | openhub | coding | GLOBAL | https://openhub.net/accounts/{username}
Gitee | gitee | coding | CN | https://gitee.com/{username}
SourceForge | sourceforge | coding | GLOBAL | https://sourceforge.net/u/{username}/profile
Observable | observable | coding | GLOBAL | https://observablehq.com/@{username}
Exercism | exercism | coding | GLOBAL | https://exercism.org/profiles/{username}
Codewars | codewars | coding | GLOBAL | https://www.codewars.com/users/{username}
TryHackMe | tryhackme | tech | GLOBAL | https://tryhackme.com/p/{username}
WakaTime | wakatime | coding | GLOBAL | https://wakatime.com/@{username}
Pastebin | pastebin | tech | GLOBAL | https://pastebin.com/u/{username} | cf
Postman | postman | coding | GLOBAL | https://www.postman.com/{username}
Thingiverse | thingiverse | hobby | GLOBAL | https://www.thingiverse.com/{username}
Hackaday.io | hackaday.io | hobby | GLOBAL | https://hackaday.io/{username}
Instructables | instructables | hobby | GLOBAL | https://www.instructables.com/member/{username}/
Codecademy | codecademy | education | GLOBAL | https://www.codecademy.com/profiles/{username}
freeCodeCamp | freecodecamp | education | GLOBAL | https://www.freecodecamp.org/{username}
LeetCode | leetcode | coding | GLOBAL | https://leetcode.com/u/{username}/ | cf
Hashnode | hashnode | blog | GLOBAL | https://hashnode.com/@{username}
Product Hunt | producthunt | tech | GLOBAL | https://www.producthunt.com/@{username} | cf
Indie Hackers | indiehackers | business | GLOBAL | https://www.indiehackers.com/{username}
Slashdot | slashdot | news | GLOBAL | https://slashdot.org/~{username}
Lobsters | lobsters | forum | GLOBAL | https://lobste.rs/~{username}
Tildes | tildes | forum | GLOBAL | https://tildes.net/user/{username}
Disqus | disqus | forum | GLOBAL | https://disqus.com/by/{username}/
Bugcrowd | bugcrowd | tech | GLOBAL | https://bugcrowd.com/{username}
HackerOne | hackerone | tech | GLOBAL | https://hackerone.com/{username}
Root Me | rootme | tech | FR | https://www.root-me.org/{username}
Trello | trello | business | GLOBAL | https://trello.com/u/{username}
Notion | notion | business | GLOBAL | https://{username}.notion.site/
Speaker Deck | speakerdeck | business | GLOBAL | https://speakerdeck.com/{username}
SlideShare | slideshare | business | GLOBAL | https://www.slideshare.net/{username}
Issuu | issuu | books | GLOBAL | https://issuu.com/{username}
ResearchGate | researchgate | education | GLOBAL | https://www.researchgate.net/profile/{username} | cf
Academia.edu | academia | education | GLOBAL | https://independent.academia.edu/{username}
Quizlet | quizlet | education | GLOBAL | https://quizlet.com/user/{username}/sets
Memrise | memrise | education | GLOBAL | https://app.memrise.com/user/{username}/
Xing | xing | professional | DE AT CH | https://www.xing.com/profile/{username}
Wellfound | wellfound | professional | GLOBAL | https://wellfound.com/u/{username}
Fiverr | fiverr | business | GLOBAL | https://www.fiverr.com/{username}
Freelancer | freelancer | business | GLOBAL | https://www.freelancer.com/u/{username}
Contra | contra | business | GLOBAL | https://contra.com/{username}
Polywork | polywork | professional | GLOBAL | https://www.polywork.com/{username}
Read.cv | readcv | professional | GLOBAL | https://read.cv/{username}
About.me | aboutme | social | GLOBAL | https://about.me/{username}
Carrd | carrd | social | GLOBAL | https://{username}.carrd.co/
Beacons | beacons | social | GLOBAL | https://beacons.ai/{username}
bio.link | biolink | social | GLOBAL | https://bio.link/{username}
Taplink | taplink | social | GLOBAL | https://taplink.cc/{username}
Lnk.Bio | lnkbio | social | GLOBAL | https://lnk.bio/{username}
Solo.to | soloto | social | GLOBAL | https://solo.to/{username}
Campsite.bio | campsite | social | GLOBAL | https://campsite.bio/{username}
# --- social, video, streaming ---
OK.ru | okru | social | RU | https://ok.ru/{username}
Imgur | imgur | images | GLOBAL | https://imgur.com/user/{username}
500px | 500px | images | GLOBAL | https://500px.com/p/{username} | high
VSCO | vsco | images | GLOBAL | https://vsco.co/{username}/gallery | high
Unsplash | unsplash | images | GLOBAL | https://unsplash.com/@{username}
Pexels | pexels | images | GLOBAL | https://www.pexels.com/@{username} | cf
Giphy | giphy | images | GLOBAL | https://giphy.com/{username}
SmugMug | smugmug | images | GLOBAL | https://{username}.smugmug.com/ | high
Picsart | picsart | images | GLOBAL | https://picsart.com/u/{username}
We Heart It | weheartit | images | GLOBAL | https://weheartit.com/{username}
Adobe Portfolio | adobeportfolio | art | GLOBAL | https://{username}.myportfolio.com/
Behance | behance | art | GLOBAL | https://www.behance.net/{username}
Dribbble | dribbble | art | GLOBAL | https://dribbble.com/{username}
DeviantArt | deviantart | art | GLOBAL | https://www.deviantart.com/{username}
ArtStation | artstation | art | GLOBAL | https://www.artstation.com/{username}
Newgrounds | newgrounds | art | GLOBAL | https://{username}.newgrounds.com/
Tapas | tapas | art | GLOBAL | https://tapas.io/{username}
Fur Affinity | furaffinity | art | GLOBAL | https://www.furaffinity.net/user/{username}/ | cf
Inkbunny | inkbunny | art | GLOBAL | https://inkbunny.net/{username}
Sketchfab | sketchfab | art | GLOBAL | https://sketchfab.com/{username}
Cults | cults3d | hobby | FR GLOBAL | https://cults3d.com/en/users/{username}
Redbubble | redbubble | shopping | GLOBAL | https://www.redbubble.com/people/{username}/shop | cf
Society6 | society6 | shopping | GLOBAL | https://society6.com/{username}
Ravelry | ravelry | hobby | GLOBAL | https://www.ravelry.com/people/{username}
Wattpad | wattpad | books | GLOBAL | https://www.wattpad.com/user/{username}
Archive of Our Own | ao3 | books | GLOBAL | https://archiveofourown.org/users/{username}
Goodreads | goodreads | books | GLOBAL | https://www.goodreads.com/{username}
Letterboxd | letterboxd | hobby | GLOBAL | https://letterboxd.com/{username}/
Trakt | trakt | hobby | GLOBAL | https://trakt.tv/users/{username}
MyAnimeList | myanimelist | hobby | GLOBAL | https://myanimelist.net/profile/{username}
Kitsu | kitsu | hobby | GLOBAL | https://kitsu.app/users/{username}
Discogs | discogs | music | GLOBAL | https://www.discogs.com/user/{username}
Last.fm | lastfm | music | GLOBAL | https://www.last.fm/user/{username}
RateYourMusic | rateyourmusic | music | GLOBAL | https://rateyourmusic.com/~{username} | cf
MuseScore | musescore | music | GLOBAL | https://musescore.com/{username}
Bandcamp | bandcamp | music | GLOBAL | https://bandcamp.com/{username}
Audiomack | audiomack | music | GLOBAL | https://audiomack.com/{username}
BandLab | bandlab | music | GLOBAL | https://www.bandlab.com/{username}
ReverbNation | reverbnation | music | GLOBAL | https://www.reverbnation.com/{username}
Smule | smule | music | GLOBAL | https://www.smule.com/{username}
Genius | genius | music | GLOBAL | https://genius.com/{username}
Ko-fi | kofi | finance | GLOBAL | https://ko-fi.com/{username}
Buy Me a Coffee | buymeacoffee | finance | GLOBAL | https://buymeacoffee.com/{username}
Liberapay | liberapay | finance | FR GLOBAL | https://liberapay.com/{username}/
Open Collective | opencollective | finance | GLOBAL | https://opencollective.com/{username}
Gumroad | gumroad | shopping | GLOBAL | https://{username}.gumroad.com/
StockTwits | stocktwits | finance | US | https://stocktwits.com/{username}
TradingView | tradingview | finance | GLOBAL | https://www.tradingview.com/u/{username}/
Minds | minds | social | GLOBAL | https://www.minds.com/{username}
Gettr | gettr | political | US | https://gettr.com/user/{username}
Rumble | rumble | video | US GLOBAL | https://rumble.com/user/{username}
Odysee | odysee | video | GLOBAL | https://odysee.com/@{username}
Trovo | trovo | video | GLOBAL | https://trovo.live/s/{username}
PeerTube (framatube.org) | framatube | fediverse | FR | https://framatube.org/a/{username} | pk=peertube
Pixelfed (pixelfed.social) | pixelfed.social | fediverse | GLOBAL | https://pixelfed.social/{username} | pk=pixelfed
Pixelfed (pixelfed.fr) | pixelfed.fr | fediverse | FR | https://pixelfed.fr/{username} | pk=pixelfed
Lemmy (lemmy.world) | lemmy.world | fediverse | GLOBAL | https://lemmy.world/u/{username} | pk=lemmy
Lemmy (lemmy.ml) | lemmy.ml | fediverse | GLOBAL | https://lemmy.ml/u/{username} | pk=lemmy
Lemmy (jlai.lu) | jlai.lu | fediverse | FR | https://jlai.lu/u/{username} | pk=lemmy
Lemmy (sh.itjust.works) | sh.itjust.works | fediverse | GLOBAL | https://sh.itjust.works/u/{username} | pk=lemmy
Lemmy (beehaw.org) | beehaw.org | fediverse | GLOBAL | https://beehaw.org/u/{username} | pk=lemmy
Misskey (misskey.io) | misskey.io | fediverse | JP GLOBAL | https://misskey.io/@{username} | pk=misskey
Write.as | writeas | blog | GLOBAL | https://write.as/{username}/
Mataroa | mataroa | blog | GLOBAL | https://{username}.mataroa.blog/
Bear Blog | bearblog | blog | GLOBAL | https://{username}.bearblog.dev/
WordPress.com | wordpress | blog | GLOBAL | https://{username}.wordpress.com/ | pk=wordpress
Blogger | blogger | blog | GLOBAL | https://{username}.blogspot.com/ | pk=blogger
LiveJournal | livejournal | blog | RU GLOBAL | https://{username}.livejournal.com/
Dreamwidth | dreamwidth | blog | GLOBAL | https://{username}.dreamwidth.org/
HubPages | hubpages | blog | GLOBAL | https://hubpages.com/@{username}
Weebly | weebly | blog | GLOBAL | https://{username}.weebly.com/
Neocities | neocities | blog | GLOBAL | https://{username}.neocities.org/
GitHub Pages | githubpages | blog | GLOBAL | https://{username}.github.io/ | pk=github
GitLab Pages | gitlabpages | blog | GLOBAL | https://{username}.gitlab.io/ | pk=gitlab
Itch.io | itchio | gaming | GLOBAL | https://{username}.itch.io/
Kongregate | kongregate | gaming | GLOBAL | https://www.kongregate.com/accounts/{username}
GOG | gog | gaming | GLOBAL | https://www.gog.com/u/{username}
NameMC (Minecraft) | namemc | gaming | GLOBAL | https://namemc.com/profile/{username} | cf
PSNProfiles | psnprofiles | gaming | GLOBAL | https://psnprofiles.com/{username}
Xbox Gamertag | xboxgamertag | gaming | GLOBAL | https://xboxgamertag.com/search/{username}
Pokémon Showdown | pokemonshowdown | gaming | GLOBAL | https://pokemonshowdown.com/users/{username}
Nexus Mods | nexusmods | gaming | GLOBAL | https://next.nexusmods.com/profile/{username}
ModDB | moddb | gaming | GLOBAL | https://www.moddb.com/members/{username}
Game Jolt | gamejolt | gaming | GLOBAL | https://gamejolt.com/@{username}
BoardGameGeek | boardgamegeek | gaming | GLOBAL | https://boardgamegeek.com/user/{username}
Chess Tempo | chesstempo | gaming | GLOBAL | https://chesstempo.com/profile/{username}/
Faceit | faceit | gaming | GLOBAL | https://www.faceit.com/en/players/{username}
Tracker.gg (Valorant) | trackergg | gaming | GLOBAL | https://tracker.gg/valorant/profile/riot/{username}/overview | cf
Armor Games | armorgames | gaming | GLOBAL | https://armorgames.com/user/{username}
RuneScape hiscores | runescape | gaming | GLOBAL | https://secure.runescape.com/m=hiscore/compare?user1={username}
Fortnite Tracker | fortnitetracker | gaming | GLOBAL | https://fortnitetracker.com/profile/all/{username} | cf
Dota Buff | dotabuff | gaming | GLOBAL | https://www.dotabuff.com/esports/players/{username}
Warrior Forum | warriorforum | forum | GLOBAL | https://www.warriorforum.com/members/{username}.html
# --- shopping, classifieds, travel, sport ---
Etsy | etsy | shopping | GLOBAL | https://www.etsy.com/people/{username}
eBay | ebay | shopping | GLOBAL | https://www.ebay.com/usr/{username}
eBay (FR) | ebay.fr | shopping | FR | https://www.ebay.fr/usr/{username}
Depop | depop | shopping | GB US GLOBAL | https://www.depop.com/{username}/
Poshmark | poshmark | shopping | US CA | https://poshmark.com/closet/{username}
Carousell | carousell | classifieds | SG GLOBAL | https://www.carousell.com/u/{username}/
Reverb | reverb | shopping | GLOBAL | https://reverb.com/shop/{username}
Houzz | houzz | hobby | GLOBAL | https://www.houzz.com/user/{username}
TripAdvisor | tripadvisor | travel | GLOBAL | https://www.tripadvisor.com/Profile/{username} | high
TripAdvisor (FR) | tripadvisor.fr | travel | FR | https://www.tripadvisor.fr/Profile/{username} | high
Polarsteps | polarsteps | travel | GLOBAL | https://www.polarsteps.com/{username} | high
Komoot | komoot | sport | DE FR GLOBAL | https://www.komoot.com/user/{username} | high
Runkeeper | runkeeper | sport | GLOBAL | https://runkeeper.com/user/{username}/profile | high
MapMyRun | mapmyrun | sport | GLOBAL | https://www.mapmyrun.com/profile/{username} | high
Wikiloc | wikiloc | sport | ES FR GLOBAL | https://www.wikiloc.com/wikiloc/user.do?name={username} | high
Openrunner | openrunner | sport | FR | https://www.openrunner.com/user/{username} | high
Zwift Power | zwiftpower | sport | GLOBAL | https://zwiftpower.com/profile.php?u={username}
Vivino | vivino | hobby | GLOBAL | https://www.vivino.com/users/{username}
iNaturalist | inaturalist | hobby | GLOBAL | https://www.inaturalist.org/people/{username} | high
eBird | ebird | hobby | GLOBAL | https://ebird.org/profile/{username} | high
Hive Social | hive | social | GLOBAL | https://hivesocial.app/{username}
Nextdoor | nextdoor | social | US GB FR | https://nextdoor.com/profile/{username} | high | login
MeWe | mewe | social | GLOBAL | https://mewe.com/i/{username}
Tagged | tagged | dating | GLOBAL | https://www.tagged.com/{username} | high
Mingle2 | mingle2 | dating | GLOBAL | https://mingle2.com/user/view/{username} | high
FetLife | fetlife | adult | GLOBAL | https://fetlife.com/{username} | high | login
Fansly | fansly | adult | GLOBAL | https://fansly.com/{username} | high
Pornhub | pornhub | adult | GLOBAL | https://www.pornhub.com/users/{username} | high
xHamster | xhamster | adult | GLOBAL | https://xhamster.com/users/{username} | high
Chaturbate | chaturbate | adult | GLOBAL | https://chaturbate.com/{username}/ | high
Stripchat | stripchat | adult | GLOBAL | https://stripchat.com/{username} | high
MyFreeCams | myfreecams | adult | GLOBAL | https://profiles.myfreecams.com/{username} | high
Plenty of Fish | pof | dating | GLOBAL | https://www.pof.com/{username} | high
Badoo | badoo | dating | GLOBAL | https://badoo.com/profile/{username} | high | login
Lovoo | lovoo | dating | DE FR GLOBAL | https://www.lovoo.com/profile/{username} | high
Romeo | romeo | dating | DE GLOBAL | https://www.romeo.com/profile/{username}/ | high | login
Feeld | feeld | dating | GLOBAL | https://feeld.co/{username} | high
DateHookup | datehookup | dating | US | https://www.datehookup.com/profile/{username} | high
Zoosk | zoosk | dating | GLOBAL | https://www.zoosk.com/profile/{username} | high | login
Bumble (BFF) | bumble | dating | GLOBAL | https://bumble.com/{username} | high
# --- French and other services ---
JVForum | jvforum | forum | FR | https://jvforum.fr/@{username}
Forum Futura | futura | forum | FR | https://forums.futura-sciences.com/members/{username}.html
Forum Aufeminin | aufeminin | forum | FR | https://forum.aufeminin.com/profile/{username} | high
Allociné | allocine | hobby | FR | https://mon.allocine.fr/profil/{username}/
Marmiton | marmiton | hobby | FR | https://www.marmiton.org/auteur/{username}
Cuisine AZ | cuisineaz | hobby | FR | https://www.cuisineaz.com/auteurs/{username}
Le Trombi | letrombi | social | FR | https://www.letrombi.com/{username} | high
Copains d'avant | copainsdavant | social | FR | https://copainsdavant.linternaute.com/p/{username} | high
Hellocoton | hellocoton | blog | FR | https://www.hellocoton.fr/mapage/{username}
OpenClassrooms | openclassrooms | education | FR | https://openclassrooms.com/fr/membres/{username}
Developpez.com | developpez | forum | FR | https://www.developpez.net/forums/u/{username}/
Mediapart (Club) | mediapart | blog | FR | https://blogs.mediapart.fr/{username}/blog
Agoravox | agoravox | news | FR | https://www.agoravox.fr/auteur/{username}
PeerTube (peertube.fr) | peertube.fr | fediverse | FR | https://peertube.fr/a/{username} | pk=peertube
Kinopoisk | kinopoisk | hobby | RU | https://www.kinopoisk.ru/user/{username}/
Allovoisins | allovoisins | classifieds | FR | https://www.allovoisins.com/p/{username} | high
Welcome to the Jungle | wttj | professional | FR | https://www.welcometothejungle.com/fr/me/{username}
Comeup | comeup | business | FR | https://comeup.com/fr/@{username}
Codeur.com | codeur | business | FR | https://www.codeur.com/-{username}
Superprof | superprof | education | FR | https://www.superprof.fr/{username}.html | high
Sortiraparis (membre) | sortiraparis | hobby | FR | https://www.sortiraparis.com/membre/{username}
Twitch tracker | twitchtracker | video | GLOBAL | https://twitchtracker.com/{username}
Wykop | wykop | social | PL | https://wykop.pl/ludzie/{username}
Habr | habr | tech | RU | https://habr.com/en/users/{username}/
Pikabu | pikabu | social | RU | https://pikabu.ru/@{username}
Naver Blog | naverblog | blog | KR | https://blog.naver.com/{username}
Velog | velog | blog | KR | https://velog.io/@{username}
Qiita | qiita | coding | JP | https://qiita.com/{username}
Zenn | zenn | coding | JP | https://zenn.dev/{username}
Note.com | notecom | blog | JP | https://note.com/{username}
Bilibili (space) | bilibili | video | CN | https://space.bilibili.com/{username}
Douban | douban | social | CN | https://www.douban.com/people/{username}/
Kaskus | kaskus | forum | ID | https://www.kaskus.co.id/@{username}
Mercado Livre | mercadolivre | shopping | BR | https://www.mercadolivre.com.br/perfil/{username}
Skoob | skoob | books | BR | https://www.skoob.com.br/usuario/{username}
Tellonym | tellonym | social | DE GLOBAL | https://tellonym.me/{username}
NGL | ngl | social | GLOBAL | https://ngl.link/{username}
Ask.fm | askfm | social | GLOBAL | https://ask.fm/{username}
Curious Cat | curiouscat | social | GLOBAL | https://curiouscat.live/{username}
Wishlistr | wishlistr | shopping | GLOBAL | https://www.wishlistr.com/{username}
Throne | throne | shopping | GLOBAL | https://throne.com/{username} | high
Venmo (legacy) | venmo.legacy | finance | US | https://venmo.com/u/{username} | high | pk=venmo
Streamlabs | streamlabs | finance | GLOBAL | https://streamlabs.com/{username}/tip
Streamelements | streamelements | finance | GLOBAL | https://streamelements.com/{username}/tip
Fourthwall | fourthwall | shopping | GLOBAL | https://{username}.fourthwall.com/
Teespring | spring | shopping | GLOBAL | https://{username}.creator-spring.com/
Bonfire | bonfire | shopping | GLOBAL | https://www.bonfire.com/store/{username}/
Kickstarter | kickstarter | finance | GLOBAL | https://www.kickstarter.com/profile/{username}
Indiegogo | indiegogo | finance | GLOBAL | https://www.indiegogo.com/individuals/{username}
GoFundMe | gofundme | finance | GLOBAL | https://www.gofundme.com/f/{username} | high
Change.org | changeorg | political | GLOBAL | https://www.change.org/u/{username}
Meetup | meetup | social | GLOBAL | https://www.meetup.com/members/{username}/
Eventbrite | eventbrite | business | GLOBAL | https://www.eventbrite.com/o/{username}
Cameo | cameo | video | GLOBAL | https://www.cameo.com/{username}
Snapchat Spotlight | snapchat.story | social | GLOBAL | https://story.snapchat.com/@{username} | pk=snapchat
YouTube (legacy user) | youtube.user | video | GLOBAL | https://www.youtube.com/user/{username} | pk=youtube
YouTube (custom URL) | youtube.c | video | GLOBAL | https://www.youtube.com/c/{username} | pk=youtube
Periscope (archive) | periscope | archived | GLOBAL | https://www.pscp.tv/{username}
Myspace | myspace | archived | GLOBAL | https://myspace.com/{username}
Xanga | xanga | archived | GLOBAL | https://{username}.xanga.com/
Internet Archive | archiveorg | archived | GLOBAL | https://archive.org/details/@{username}
Wikidot | wikidot | hobby | GLOBAL | https://www.wikidot.com/user:info/{username}
Fandom | fandom | hobby | GLOBAL | https://community.fandom.com/wiki/User:{username}
Instructure Canvas | canvas | education | GLOBAL | https://canvas.instructure.com/about/{username}
Khan Academy | khanacademy | education | GLOBAL | https://www.khanacademy.org/profile/{username}
Chess Tempo (statistics) | chesstempo.user | gaming | GLOBAL | https://old.chesstempo.com/chess-statistics/{username}
Lichess Team | lichess.team | gaming | GLOBAL | https://lichess.org/team/{username}
Strava Club | strava.club | sport | GLOBAL | https://www.strava.com/clubs/{username} | pk=strava
Audible (author) | audible | books | GLOBAL | https://www.audible.com/author/{username}
Smashwords | smashwords | books | GLOBAL | https://www.smashwords.com/profile/view/{username}
Lulu | lulu | books | GLOBAL | https://www.lulu.com/spotlight/{username}
Booth | booth | shopping | JP | https://{username}.booth.pm/
Cara | cara | art | GLOBAL | https://cara.app/{username}
Kofi shop | kofi.shop | shopping | GLOBAL | https://ko-fi.com/{username}/shop | pk=kofi
VRChat | vrchat | gaming | GLOBAL | https://vrchat.com/home/user/{username} | login
Roll20 | roll20 | gaming | GLOBAL | https://app.roll20.net/users/{username}
Geni | geni | social | GLOBAL | https://www.geni.com/people/{username} | high
FamilySearch | familysearch | social | GLOBAL | https://ancestors.familysearch.org/en/{username} | high
WikiTree | wikitree | social | GLOBAL | https://www.wikitree.com/wiki/{username} | high
Find a Grave | findagrave | social | GLOBAL | https://www.findagrave.com/user/profile/{username}
Gaia Online | gaiaonline | gaming | GLOBAL | https://www.gaiaonline.com/profiles/{username}
Photobucket | photobucket | images | GLOBAL | https://app.photobucket.com/u/{username}
Shutterfly Share | shutterfly | images | US | https://{username}.shutterfly.com/ | high
YouPic | youpic | images | GLOBAL | https://youpic.com/photographer/{username}/
Fotocommunity | fotocommunity | images | DE FR | https://www.fotocommunity.com/user/{username}
Viewbug | viewbug | images | GLOBAL | https://www.viewbug.com/member/{username}
"""
