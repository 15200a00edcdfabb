"""The command line in French: its own sentences, and the loaders' messages pattern by pattern.

`FRENCH` maps each English sentence of the command line to its French.
`CONTENT` gives, in order, an English message as the loaders write it
(`{name}` stands for a part that varies) and its French; a part that is itself
a message is put into French the same way, and `VALUES` holds the few words
that vary inside messages. The guides (docs/guide/) list these messages.
"""

from __future__ import annotations

FRENCH: dict[str, str] = {
    # vitrine (help)
    "Vitrine: tools for the showcase's editors.": "Vitrine : les outils des éditeurs de la vitrine.",
    "the site's mkdocs.yml": "le mkdocs.yml du site",
    "language of the messages (default: fr, or VITRINE_LANG)": "langue des messages (par défaut : fr, ou VITRINE_LANG)",
    "create a quartier or a champion, ready to fill in": "créer un quartier ou un champion, prêt à remplir",
    "its name in addresses: lower-case letters, digits and dashes, e.g. lille": (
        "son nom dans les adresses : lettres minuscules, chiffres et tirets, par ex. lille"
    ),
    "check every file, link, image and translation, without building": (
        "vérifier chaque fichier, lien, image et traduction, sans construire le site"
    ),
    "github: annotations for pull requests": "github : annotations pour les pull requests",
    "status of every translation: missing, outdated, current": (
        "état de chaque traduction : manquante, à revoir, à jour"
    ),
    "only this language code": "seulement cette langue (son code)",
    "record that the listed translations were reviewed": "enregistrer que les traductions listées ont été relues",
    "only the texts of this file (the French source or its translation) or folder": (
        "seulement les textes de ce fichier (la source française ou sa traduction) ou de ce dossier"
    ),
    "check, then build the site (other options: those of mkdocs build)": (
        "vérifier, puis construire le site (autres options : celles de mkdocs build)"
    ),
    "build without running vitrine check first": "construire sans lancer vitrine check d'abord",
    "the published address, if not the one in mkdocs.yml": (
        "l'adresse de publication, si ce n'est pas celle de mkdocs.yml"
    ),
    "edit the site in the browser, with the preview beside it (options: those of mkdocs serve)": (
        "modifier le site dans le navigateur, avec l'aperçu à côté (options : celles de mkdocs serve)"
    ),
    "The editor is not installed yet: run make edit, or npm ci --prefix editor, then try again.": (
        "L'éditeur n'est pas encore installé : lancez make edit, ou npm ci --prefix editor, puis réessayez."
    ),
    "The editor could not start (Node.js is needed: https://nodejs.org): {problem}": (
        "L'éditeur n'a pas pu démarrer (il faut Node.js : https://nodejs.org) : {problem}"
    ),
    "The editor could not start: port {port} is already in use (is another vitrine edit running?). "
    "Stop it, or set another proxy_port under vitrine/editor in mkdocs.yml.": (
        "L'éditeur n'a pas pu démarrer : le port {port} est déjà pris (un autre vitrine edit tourne-t-il ?). "
        "Arrêtez-le, ou choisissez un autre proxy_port sous vitrine/editor dans mkdocs.yml."
    ),
    "The preview could not start: {address} is already in use (is another vitrine serve or vitrine edit "
    "running?). Stop it, or choose another address, e.g. -a 127.0.0.1:8001.": (
        "L'aperçu n'a pas pu démarrer : l'adresse {address} est déjà prise (un autre vitrine serve ou "
        "vitrine edit tourne-t-il ?). Arrêtez-le, ou choisissez une autre adresse, par exemple -a 127.0.0.1:8001."
    ),
    "Editor: {editor}  (the site, as it will be published: {site})": (
        "Éditeur : {editor}  (le site, tel qu'il sera publié : {site})"
    ),
    "Your changes are saved in this folder; stop with Ctrl+C.": (
        "Vos modifications sont enregistrées dans ce dossier ; pour arrêter : Ctrl+C."
    ),
    "preview the site with live reload (options: those of mkdocs serve)": (
        "prévisualiser le site, rechargé à chaque modification (options : celles de mkdocs serve)"
    ),
    "unknown option: {options}": "option inconnue : {options}",
    # vitrine new
    "Created:": "Créé :",
    "(the record: fill in every empty field)": "(la fiche : remplissez chaque champ vide)",
    "(its text in French, in Markdown; optional)": "(son récit en français, en Markdown ; facultatif)",
    "(its translation: required on this site once the French text is written)": (
        "(sa traduction : obligatoire sur ce site dès que le récit français est écrit)"
    ),
    "Next:": "Ensuite :",
    "fill in the empty fields: the comment above each says what to write;": (
        "remplissez les champs vides : le commentaire au-dessus de chacun dit quoi écrire ;"
    ),
    "once the translations ({language}:) are reviewed: vitrine translations {language} --mark-current --file {file}": (
        "une fois les traductions ({language}:) relues : vitrine translations {language} --mark-current --file {file}"
    ),
    "vitrine check, then vitrine serve to preview the page.": "vitrine check, puis vitrine serve pour voir la page.",
    # vitrine check
    "warning:": "avertissement :",
    "Vitrine: {field}": "Vitrine : {field}",
    "{n} content error:": "{n} erreur dans les fichiers :",
    "{n} content errors:": "{n} erreurs dans les fichiers :",
    "{n} error": "{n} erreur",
    "{n} errors": "{n} erreurs",
    "{n} warning": "{n} avertissement",
    "{n} warnings": "{n} avertissements",
    "warnings fail the strict build": "les avertissements font échouer la construction stricte",
    "vitrine check: {errors}, {warnings}": "vitrine check : {errors}, {warnings}",
    "vitrine check: everything is in order ({quartiers} quartiers, {champions} champions, {pages} pages, "
    "{units} translated texts)": (
        "vitrine check : tout est en ordre ({quartiers} quartiers, {champions} champions, {pages} pages, "
        "{units} textes traduits)"
    ),
    # vitrine check --coverage
    "then count the quartiers and champions that report each indicator and figure": (
        "puis compter les quartiers et les champions qui renseignent chaque indicateur et chaque chiffre"
    ),
    "Indicators of the {n} quartiers in France (métropoles, capitales, thematic networks):": (
        "Indicateurs des {n} quartiers en France (métropoles, capitales, réseaux thématiques) :"
    ),
    "{number}. {title}: {share}": "{number}. {title} : {share}",
    "{share}  {measure}: {label}": "{share}  {measure} : {label}",
    "{reported} of {total} ({percent})": "{reported} sur {total} ({percent})",
    "Filled cells: {share}": "Cases renseignées : {share}",
    "Figures of the {n} champions:": "Chiffres des {n} champions :",
    "no champion reports a figure": "aucun champion ne donne de chiffre",
    "no indicator": "aucun indicateur",
    "coverage: not counted, the records have errors": "couverture : non comptée, les fiches ont des erreurs",
    # vitrine translations
    "{language} is not a translated language of the site ({codes})": (
        "{language} n'est pas une langue traduite du site ({codes})"
    ),
    "{n} translation marked as reviewed against the current French text": (
        "{n} traduction marquée comme relue par rapport au texte français actuel"
    ),
    "{n} translations marked as reviewed against the current French text": (
        "{n} traductions marquées comme relues par rapport au texte français actuel"
    ),
    "{language}: {current}/{total} current, {outdated} outdated, {missing} missing": (
        "{language} : {current}/{total} à jour, {outdated} à revoir, {missing} manquantes"
    ),
    "with --mark-current and no --file: mark every listed translation without asking": (
        "avec --mark-current sans --file : marquer toutes les traductions listées sans demander"
    ),
    "These translations would be marked as reviewed:": "Ces traductions seraient marquées comme relues :",
    "Nothing was marked: add --all to mark them all, or --file FILE for one file.": (
        "Rien n'a été marqué : ajoutez --all pour toutes les marquer, ou --file FICHIER pour un seul fichier."
    ),
    "Mark these {n} translations as reviewed? [y/N] ": "Marquer ces {n} traductions comme relues ? [o/N] ",
    "Nothing was marked.": "Rien n'a été marqué.",
    "Nothing was marked: these files cannot be read; correct them first.": (
        "Rien n'a été marqué : ces fichiers sont illisibles ; corrigez-les d'abord."
    ),
    "current": "à jour",
    "outdated": "à revoir",
    "missing": "manquante",
    "never marked as reviewed: compare it with the French text": (
        "jamais marquée comme relue : comparez-la au texte français"
    ),
    "the French text as it was when reviewed cannot be found: compare the two texts by hand": (
        "le texte français tel qu'il était à la relecture est introuvable : comparez les deux textes à la main"
    ),
    "changed in the French text since the review (commit {commit}):": (
        "ce qui a changé dans le texte français depuis la relecture (version {commit}) :"
    ),
    "… {n} more line": "… et {n} ligne de plus",
    "… {n} more lines": "… et {n} lignes de plus",
    # vitrine build
    "The site was not built: fix the problems above first (vitrine check lists them).": (
        "Le site n'a pas été construit : corrigez d'abord les problèmes ci-dessus (vitrine check les liste)."
    ),
    "The build failed; the site folder was left as it was.": (
        "La construction a échoué ; le dossier du site est resté tel qu'il était."
    ),
    "Site built in {site} in {seconds} s.": "Site construit dans {site} en {seconds} s.",
    "The site in {site} is up to date: no file has changed since the last build ({seconds} s).": (
        "Le site dans {site} est à jour : aucun fichier n'a changé depuis la dernière construction ({seconds} s)."
    ),
    "Pages: {list}": "Pages : {list}",
    " ({n} in French)": " (dont {n} en français)",
    "Images: {encoded} encoded, {cached} from the cache": "Images : {encoded} encodées, {cached} reprises du cache",
    "Share cards: {drawn} drawn, {cached} from the cache": (
        "Cartes de partage : {drawn} dessinées, {cached} reprises du cache"
    ),
    "Translations up to date: {list}": "Traductions à jour : {list}",
    "Pages rendered: {rendered}; unchanged since the last build, kept as they were: {taken}": (
        "Pages rendues : {rendered} ; inchangées depuis la dernière construction, reprises telles quelles : {taken}"
    ),
}

VALUES: dict[str, str] = {
    "nothing": "rien",
    "a list": "une liste",
    "a group of fields": "un groupe de champs",
    "a single value": "une seule valeur",
    "a number": "un nombre",
    "text": "du texte",
    "true or false": "true ou false",
    "this page": "cette page",
    "the site root": "la racine du site",
    "tiles": "les vignettes",
    "cards": "les cartes",
    "too many pixels": "trop de pixels",
    "no extension": "un fichier sans extension",
    # PyYAML: what it was reading when the text went wrong
    "scanning a quoted scalar": "un texte entre guillemets",
    "scanning a double-quoted scalar": "un texte entre guillemets",
    "scanning a single-quoted scalar": "un texte entre apostrophes",
    "scanning a block scalar": "un texte sur plusieurs lignes",
    "scanning a simple key": "une clé",
    "parsing a flow sequence": "une liste entre crochets",
    "parsing a flow mapping": "des champs entre accolades",
    "parsing a block mapping": "des champs",
    "parsing a block collection": "une liste",
    "found unexpected end of stream": "le fichier se termine trop tôt",
    "mapping values are not allowed here": "« : » n'est pas permis ici",
    "could not find expected ':'": "il manque un « : »",
    "found character that cannot start any token": "un caractère ne peut pas commencer une valeur",
}

# In order: the first pattern matching a whole message wins, so specific ones come first.
CONTENT: tuple[tuple[str, str], ...] = (
    # Fields (model.validate, model.records)
    ("required field is missing", "champ obligatoire manquant"),
    ("required field is empty", "champ obligatoire vide"),
    ("write a text", "écrivez un texte"),
    ("write a number", "écrivez un nombre"),
    ("write true or false", "écrivez true (oui) ou false (non)"),
    ("write a list: [a, b], or one '- ' line per item", "écrivez une liste : [a, b], ou une ligne « - » par élément"),
    ("write its fields on the indented lines below", "écrivez ses champs sur les lignes en retrait en dessous"),
    ("write a value", "écrivez une valeur"),
    ("write one of {choices}", "écrivez l'une de ces valeurs : {choices}"),
    ("unknown field", "champ inconnu"),
    (
        "no card font can draw {char} (U+{code}) in {text}",
        "aucune police des cartes de partage ne sait dessiner {char} (U+{code}) dans {text}",
    ),
    (
        "share cards are drawn with the fonts of card.fonts in identity.yml; write the text without it",
        "les cartes de partage sont dessinées avec les polices de card.fonts dans identity.yml ; "
        "écrivez le texte sans ce caractère",
    ),
    ("did you mean {name}?", "vouliez-vous dire {name} ?"),
    ("known fields: {names}", "champs possibles : {names}"),
    (
        '"{value}" is not a date; expected YYYY-MM-DD, e.g. 2014-11-12',
        '"{value}" n\'est pas une date ; écrivez AAAA-MM-JJ, par ex. 2014-11-12',
    ),
    (
        '"{value}" is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2012-10',
        '"{value}" n\'est pas une date ; écrivez AAAA, AAAA-MM ou AAAA-MM-JJ, par ex. 2012-10',
    ),
    (
        '"{value}" is not a valid date (no such day in the calendar)',
        "\"{value}\" n'est pas une date valide (ce jour n'existe pas dans le calendrier)",
    ),
    (
        '"{value}" is not a web address; expected one starting with https://',
        '"{value}" n\'est pas une adresse web ; elle doit commencer par https://',
    ),
    ('"{value}" is not an e-mail address', '"{value}" n\'est pas une adresse e-mail'),
    (
        "unknown language code {code}; the site's languages are {codes}",
        "code de langue inconnu {code} ; les langues du site sont {codes}",
    ),
    (
        "the French text (fr:) is required; other languages are optional",
        "le texte français (fr:) est obligatoire ; les autres langues sont facultatives",
    ),
    ("{value} is not accepted; expected {choices}", "{value} n'est pas accepté ; attendu : {choices}"),
    (
        "{value} is not allowed; expected one of {choices}",
        "{value} n'est pas une valeur possible ; possibles : {choices}",
    ),
    ("expected text, got {value}", "un texte est attendu, pas {value}"),
    ("put the value in quotes to keep it as text", "mettez la valeur entre guillemets pour la garder comme texte"),
    ("expected a number, got {value}", "un nombre est attendu, pas {value}"),
    ("write digits only, e.g. 2014", "écrivez seulement des chiffres, par ex. 2014"),
    ("expected true or false, got {value}", "true (oui) ou false (non) est attendu, pas {value}"),
    (
        "expected a list (lines starting with '- '), got {value}",
        "une liste est attendue (des lignes qui commencent par « - »), pas {value}",
    ),
    ("expected fields (key: value), got {value}", "des champs sont attendus (clé: valeur), pas {value}"),
    ("{value} does not have the expected form ({pattern})", "{value} n'a pas la forme attendue ({pattern})"),
    ("use the two-letter ISO code in capitals, e.g. FR", "écrivez le code ISO à deux lettres majuscules, par ex. FR"),
    (
        "use lower-case letters, digits and dashes, e.g. french-tech-lille",
        "utilisez des lettres minuscules, des chiffres et des tirets, par ex. french-tech-lille",
    ),
    ("write a colour as #rrggbb, e.g. #1b3a6b", "écrivez une couleur sous la forme #rrggbb, par ex. #1b3a6b"),
    ("Input should be greater than or equal to {n}", "la valeur doit être supérieure ou égale à {n}"),
    ("Input should be less than or equal to {n}", "la valeur doit être inférieure ou égale à {n}"),
    ("Input should be greater than {n}", "la valeur doit être supérieure à {n}"),
    ("Input should be less than {n}", "la valeur doit être inférieure à {n}"),
    ("String should have at least {n} character", "le texte doit compter au moins {n} caractère"),
    (
        "List should have at least {n} item after validation, not {m}",
        "la liste doit compter au moins {n} élément, elle en a {m}",
    ),
    (
        "List should have at least {n} items after validation, not {m}",
        "la liste doit compter au moins {n} éléments, elle en a {m}",
    ),
    (
        "List should have at most {n} items after validation, not {m}",
        "la liste doit compter au plus {n} éléments, elle en a {m}",
    ),
    # YAML (model.yamlsource)
    ("alias *{name} is not allowed", "l'alias *{name} n'est pas autorisé"),
    ("anchor &{name} is not allowed", "l'ancre &{name} n'est pas autorisée"),
    ("write the value out in full", "écrivez la valeur en entier"),
    ("tag {name} is not allowed", "l'étiquette {name} n'est pas autorisée"),
    ("remove the tag", "supprimez l'étiquette"),
    ("nesting deeper than {n} levels is not allowed", "plus de {n} niveaux d'imbrication : ce n'est pas autorisé"),
    (
        "a record needs only a few levels; look for brackets that are never closed",
        "une fiche n'a que quelques niveaux ; cherchez un crochet jamais fermé",
    ),
    ("a key must be a plain word", "une clé doit être un simple mot"),
    ("duplicate key {key} (first defined on line {line})", "clé {key} en double (déjà définie ligne {line})"),
    (
        "file is {size} bytes, over the {limit}-byte limit",
        "le fichier fait {size} octets, au-delà de la limite de {limit} octets",
    ),
    ("split the text into several files", "répartissez le texte en plusieurs fichiers"),
    ("not valid UTF-8 (byte offset {n})", "pas en UTF-8 valide (octet n° {n})"),
    ("save the file as UTF-8", "enregistrez le fichier en UTF-8"),
    ("tab used for indentation", "tabulation utilisée pour l'indentation"),
    ("indent with spaces", "indentez avec des espaces"),
    (
        "invalid YAML: {problem} while {context} that starts on line {line}, column {column}",
        "YAML illisible : {problem}, en lisant {context} commencé ligne {line}, colonne {column}",
    ),
    ("invalid YAML: the text cannot be read", "YAML illisible : le texte ne peut pas être lu"),
    ("invalid YAML: {problem}", "YAML illisible : {problem}"),
    ("close the quote opened on line {line}", "fermez le guillemet ouvert ligne {line}"),
    ("close the [ opened on line {line}", "fermez le [ ouvert ligne {line}"),
    ("close the { opened on line {line}", "fermez le {{ ouvert ligne {line}"),
    ("put a text containing ': ' in quotes", "mettez entre guillemets un texte qui contient « : »"),
    ("the file is empty", "le fichier est vide"),
    (
        "write the record's fields, one `key: value` per line",
        "écrivez les champs de la fiche, un « clé: valeur » par ligne",
    ),
    (
        "the file holds {kind}; expected a record of fields (key: value)",
        "le fichier contient {kind} ; une fiche de champs (clé: valeur) est attendue",
    ),
    ("front matter opened with --- but never closed", "l'en-tête (front matter) ouvert par --- n'est jamais fermé"),
    ("end it with a --- line", "terminez-le par une ligne ---"),
    ("front matter must be fields (key: value)", "l'en-tête (front matter) doit contenir des champs (clé: valeur)"),
    # Records and references (model.catalogue)
    ("file is missing; every folder needs its {name}", "fichier manquant : chaque dossier doit avoir son {name}"),
    ("unknown language code {code}", "code de langue inconnu {code}"),
    ("name it after a language: {codes}", "nommez-le d'après une langue : {codes}"),
    (
        "folder name must be lower-case letters, digits and dashes, e.g. lille",
        "le nom du dossier doit être en lettres minuscules, chiffres et tirets, par ex. lille",
    ),
    ("the charter has 8 criteria numbered 1 to 8", "la charte compte 8 critères numérotés de 1 à 8"),
    ("duplicate indicator id {id}", "identifiant d'indicateur {id} en double"),
    (
        '"{value}" does not go with kind "{kind}"; expected {choices}',
        '"{value}" ne va pas avec le type (kind) "{kind}" ; possibles : {choices}',
    ),
    ('or change kind: "{value}" goes with kind {choices}', 'ou changez le type : "{value}" va avec {choices}'),
    ("criterion {n} is not documented", "le critère {n} n'est pas documenté"),
    ("every labelled quartier documents all 8 criteria", "un quartier labellisé documente les 8 critères"),
    ("unknown criterion {value}", "critère inconnu {value}"),
    ("unknown indicator {value}", "indicateur inconnu {value}"),
    ("unknown capital {value}", "capitale inconnue {value}"),
    ("unknown quartier {value}", "quartier inconnu {value}"),
    ("unknown sector {value}", "secteur inconnu {value}"),
    ("unknown listing {value}", "liste publique inconnue {value}"),
    ("unknown champion {value}", "champion inconnu {value}"),
    ("write the folder name of a champion under champions/", "écrivez le nom du dossier d'un champion sous champions/"),
    ("known: {names}", "possibles : {names}"),
    ("indicator {id} is given twice", "l'indicateur {id} est donné deux fois"),
    (
        '"{value}" does not fit indicator {id}, which expects {expects}',
        '"{value}" ne convient pas à l\'indicateur {id}, qui attend {expects}',
    ),
    ('"{file}" must be a path inside the record\'s folder', '"{file}" doit être un chemin dans le dossier de la fiche'),
    ("e.g. images/photo.jpg", "par ex. images/photo.jpg"),
    ('"{file}" is not an accepted image', '"{file}" n\'est pas une image acceptée'),
    ('image "{file}" not found in {folder}', 'image "{file}" introuvable dans {folder}'),
    ('image "{file}": {problem}', 'image "{file}" : {problem}'),
    ("duplicate: {other} already uses this name", "en double : {other} porte déjà ce nom"),
    # Images (images.pipeline)
    ("{suffix} is not an accepted image ({list})", "{suffix} n'est pas un format d'image accepté ({list})"),
    (
        "the header declares {count}, over the {limit}-pixel limit",
        "l'en-tête annonce {count}, au-delà de la limite de {limit} pixels",
    ),
    ("too many pixels ({detail})", "trop de pixels ({detail})"),
    ("not a readable image ({detail})", "image illisible ({detail})"),
    (
        "the file is a {format} image named {suffix}; rename it or convert it",
        "le fichier est une image {format} nommée {suffix} : renommez-le ou convertissez-le",
    ),
    ("{size} pixels is over the {limit}-pixel limit", "{size} pixels, au-delà de la limite de {limit} pixels"),
    ("animated images are not accepted ({n} frames)", "les images animées ne sont pas acceptées ({n} images)"),
    ("cannot be decoded ({detail})", "impossible à décoder ({detail})"),
    ("export the image again from its original", "exportez de nouveau l'image depuis l'original"),
    # Pages and folders (model.editorial, model.tree, the catalogue plugin)
    ("page is outside a language folder", "la page n'est dans aucun dossier de langue"),
    ("move it to {folder} (or another language)", "déplacez-la dans {folder} (ou une autre langue)"),
    (
        "this page takes the address of the generated page for {source}",
        "cette page prend l'adresse de la page générée pour {source}",
    ),
    ("rename or remove it", "renommez-la ou supprimez-la"),
    ("published at {dest}, like {others}", "publié à l'adresse {dest}, comme {others}"),
    ("rename, move or remove one of them", "renommez, déplacez ou supprimez l'un d'eux"),
    (
        "symbolic links are not allowed (they are never followed)",
        "les liens symboliques ne sont pas autorisés (ils ne sont jamais suivis)",
    ),
    ("copy the file here instead", "copiez plutôt le fichier ici"),
    ("same name as {other} once case and accents are folded", "même nom que {other}, aux majuscules et accents près"),
    ("rename one of them", "renommez l'un des deux"),
    ("this kind of file is never published", "ce type de fichier n'est jamais publié"),
    ("{folder} holds only {list}", "{folder} ne contient que {list}"),
    # Markup (model.markup)
    (
        "event handler {name}= on <{tag}> is not allowed",
        "le gestionnaire d'événement {name}= sur <{tag}> n'est pas autorisé",
    ),
    ('{name}="..." on <{tag}> overrides the identity', '{name}="..." sur <{tag}> contourne l\'identité visuelle'),
    ("<{tag}> is not allowed", "<{tag}> n'est pas autorisé"),
    ("<{tag}> overrides the identity", "<{tag}> contourne l'identité visuelle"),
    ("{name}= with a {scheme}: address on <{tag}>", "{name}= avec une adresse {scheme}: sur <{tag}>"),
    ("{name}= on <{tag}>: {problem}", "{name}= sur <{tag}> : {problem}"),
    (
        '"{target}" is an absolute path, not an address in the site',
        '"{target}" est un chemin absolu, pas une adresse du site',
    ),
    (
        '"{target}" is a file: address, not an address in the site',
        '"{target}" est une adresse file:, pas une adresse du site',
    ),
    ('"{target}" leaves the content folders', '"{target}" sort des dossiers de contenu'),
    ("link to a {scheme}: address", "lien vers une adresse {scheme}:"),
    ("link or image {problem}", "lien ou image : {problem}"),
    (
        "attribute list sets {name}= and overrides the identity",
        "la liste d'attributs définit {name}= et contourne l'identité visuelle",
    ),
    (
        "snippet directive --8<--: including files is not enabled",
        "directive --8<-- : l'inclusion de fichiers n'est pas activée",
    ),
    ('snippet "{target}" reaches outside the content folders', 'l\'inclusion "{target}" sort des dossiers de contenu'),
    (
        'snippet "{target}": including files is not enabled',
        "inclusion \"{target}\" : l'inclusion de fichiers n'est pas activée",
    ),
    (
        "colours and fonts come from identity.yml; write plain Markdown",
        "couleurs et polices viennent d'identity.yml ; écrivez du Markdown simple",
    ),
    (
        "removed from the page; scripts, frames and script addresses are not allowed",
        "retiré de la page ; scripts, cadres et adresses de script ne sont pas autorisés",
    ),
    (
        "write an address relative to this page, e.g. ../fr/index.md, or a web address, e.g. https://example.org",
        "écrivez une adresse relative à cette page, par ex. ../fr/index.md, ou une adresse web, par ex. https://example.org",
    ),
    (
        "write the text here; a page may include only files of the content folders",
        "écrivez le texte ici ; une page ne peut inclure que des fichiers des dossiers de contenu",
    ),
    ("{value} is outside the content folders", "{value} est en dehors des dossiers de contenu"),
    ("use one of {list}", "utilisez l'un de ces dossiers : {list}"),
    (
        "must be true (the default): snippets must not reach outside base_path",
        "doit valoir true (par défaut) : les inclusions ne doivent pas sortir de base_path",
    ),
    (
        "must be false (the default): pages never include text downloaded from the web",
        "doit valoir false (par défaut) : une page n'inclut jamais de texte téléchargé du web",
    ),
    # Links between pages (model.links)
    ('link to "{target}": no such page', 'lien vers "{target}" : cette page n\'existe pas'),
    ('link to "{target}" points at a folder, not a page', 'le lien vers "{target}" mène à un dossier, pas à une page'),
    ('write "{page}"', 'écrivez "{page}"'),
    ('link to "{target}": no such file', 'lien vers "{target}" : ce fichier n\'existe pas'),
    (
        'link to "{target}": {where} has no heading with the anchor #{anchor}',
        "lien vers \"{target}\" : {where} n'a pas de titre avec l'ancre #{anchor}",
    ),
    ("the page has no headings", "la page n'a pas de titres"),
    ("its anchors: {list}", "ses ancres : {list}"),
    # Translations (vitrine check, model.glossary)
    ("no {language} translation ({target})", "pas de traduction {language} ({target})"),
    ("no {language} translation", "pas de traduction {language}"),
    ("translate it into {target}", "traduisez-la dans {target}"),
    ("add an {language}: line under {field}, beside fr:", "ajoutez une ligne {language}: sous {field}, à côté de fr:"),
    (
        "the {language} translation was never marked as reviewed ({source})",
        "la traduction {language} n'a jamais été marquée comme relue ({source})",
    ),
    (
        "the {language} translation was never marked as reviewed",
        "la traduction {language} n'a jamais été marquée comme relue",
    ),
    (
        "the {language} translation is outdated: the French text changed since it was reviewed ({source})",
        "la traduction {language} est à revoir : le texte français a changé depuis sa relecture ({source})",
    ),
    (
        "the {language} translation is outdated: the French text changed since it was reviewed",
        "la traduction {language} est à revoir : le texte français a changé depuis sa relecture",
    ),
    (
        "once it matches the French text, choose its language under « Traductions relues » in the editor, or run: "
        "vitrine translations {language} --mark-current --file {file}",
        "quand elle correspond au texte français, choisissez sa langue sous « Traductions relues » dans "
        "l'éditeur, ou lancez : vitrine translations {language} --mark-current --file {file}",
    ),
    (
        "once it matches the French text, run: vitrine translations {language} --mark-current --file {file}",
        "quand elle correspond au texte français, lancez : "
        "vitrine translations {language} --mark-current --file {file}",
    ),
    ("the page is empty", "la page est vide"),
    ("file is not read by the site", "ce fichier n'est pas lu par le site"),
    ("a record folder holds {record} and {sidecar}", "un dossier de fiche contient {record} et {sidecar}"),
    (
        "write its text (and a title: line in its front matter), or delete the file",
        "écrivez son texte (et une ligne title: dans son en-tête), ou supprimez le fichier",
    ),
    ("the invisible character {code} is not allowed", "le caractère invisible {code} n'est pas permis"),
    ("delete it", "supprimez-le"),
    # Translation sidecars (model.translations)
    ("{language} is not a translated language of the site", "{language} n'est pas une langue traduite du site"),
    (
        "not translated languages of the site: {languages}; expected one of: {choices}",
        "langues non traduites sur le site : {languages} ; attendu : {choices}",
    ),
    ("expected one of: {choices}", "attendu : {choices}"),
    ("the site has no translated language", "le site n'a aucune langue traduite"),
    (
        "expected the language's reviewed fields (field: digest lines), found {found}",
        "attendu : les champs relus dans cette langue (lignes champ: empreinte), trouvé : {found}",
    ),
    (
        "one block per language, e.g. `en:` then indented `tagline: 7d5e002fb07e` lines",
        "un bloc par langue, par exemple `en:` puis des lignes `tagline: 7d5e002fb07e` en retrait",
    ),
    (
        "expected a digest of 12 characters 0-9 and a-f, found {value}",
        "attendu : une empreinte de 12 caractères 0-9 et a-f, trouvé : {value}",
    ),
    (
        "the digest is written by: vitrine translations --mark-current --file {file}",
        "l'empreinte est écrite par : vitrine translations --mark-current --file {file}",
    ),
    ("delete the file, or write one block per language", "supprimez le fichier, ou écrivez un bloc par langue"),
    (
        "protected term {term} is missing from the {language} translation",
        "le terme protégé {term} manque dans la traduction {language}",
    ),
    ("names in the glossary are never translated", "les noms du glossaire ne se traduisent jamais"),
    # Identity (vitrine check)
    ("{foreground} on {background} has contrast {ratio}:1", "{foreground} sur {background} : contraste de {ratio}:1"),
    ("WCAG AA needs {n}:1", "le niveau WCAG AA demande {n}:1"),
    ("title is {n} characters, cards show {m}", "le titre fait {n} caractères, les cartes en montrent {m}"),
    ("name is {n} characters, {where} show {m}", "le nom fait {n} caractères, {where} en montrent {m}"),
    # The command line itself
    (
        "{file}: file not found; run vitrine in the site's folder or give -f mkdocs.yml",
        "{file} : fichier introuvable ; lancez vitrine dans le dossier du site ou indiquez -f mkdocs.yml",
    ),
    ("{file}: the vitrine/catalogue plugin is not enabled", "{file} : le plugin vitrine/catalogue n'est pas activé"),
    (
        '"{slug}" is not a valid name: use lower-case letters, digits and dashes, e.g. {example}',
        '"{slug}" n\'est pas un nom valide : utilisez des lettres minuscules sans accents, des chiffres et des tirets, '
        "par ex. {example}",
    ),
    (
        '"{slug}" is not a valid name: use lower-case letters, digits and dashes',
        '"{slug}" n\'est pas un nom valide : utilisez des lettres minuscules sans accents, des chiffres et des tirets',
    ),
    (
        'the {kind} "{slug}" already exists ({path}); choose another name',
        'le {kind} "{slug}" existe déjà ({path}) ; choisissez un autre nom',
    ),
    (
        "{rel} has errors; fix it first (vitrine check):\n{report}",
        "{rel} contient des erreurs ; corrigez-les d'abord (vitrine check) :\n{report}",
    ),
    (
        "{rel} is missing: a new record needs the definitions of the site",
        "{rel} est introuvable : une nouvelle fiche a besoin des définitions du site",
    ),
    ("Config file {file} does not exist.", "le fichier de configuration {file} n'existe pas."),
    ("Aborted with a configuration error!", "arrêt : mkdocs.yml contient une erreur (voir ci-dessus)."),
    # Sources of the values (model.sources)
    ('"{value}" is after today ({today})', '"{value}" est une date future (nous sommes le {today})'),
    ("write the date the source gives for the value", "écrivez la date que la source donne pour la valeur"),
    ('"{url}" is not an https address', '"{url}" n\'est pas une adresse https'),
    ("use the https address of the page", "utilisez l'adresse https de la page"),
    (
        "the same value ({value}) and source_url as {other} ({field})",
        "la même valeur ({value}) et la même source_url que {other} ({field})",
    ),
    (
        "cite, for each record, the page that gives its own value",
        "citez, pour chaque fiche, la page qui donne sa propre valeur",
    ),
    # Last, the most general: they would catch the specific ones above
    ("write {choices}", "écrivez {choices}"),
    ("use {list}", "utilisez {list}"),
    ("{value}: {problem}", "{value} : {problem}"),  # a value, then pydantic's own words
)
