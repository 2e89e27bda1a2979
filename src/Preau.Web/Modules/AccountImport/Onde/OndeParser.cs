using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory.Data;

namespace Preau.Web.Modules.AccountImport.Onde;

/// <summary>
/// Reads a school's two ONDE extractions (pupils, then guardians) in one pass. Header-driven: columns are
/// found by their normalised names and aliases, never by position. Pure code: no database, no clock.
/// </summary>
internal static class OndeParser
{
    /// <summary>Real extractions weigh a few hundred kilobytes; anything this big is not one.</summary>
    public const int MaxFileBytes = 20 * 1024 * 1024;

    private enum P
    {
        LastName, UsageName, FirstName, BirthDate, Sex, Ine,
        Street1, PostalCode1, City1, Country1, Street2, PostalCode2, City2, Country2,
        Cycle, Level, ClassLabel, ClassId, Associations, Photo, Scheme,
    }

    private enum G
    {
        Civility, UsageName, LastName, FirstName, Street, PostalCode, City, Country, Email,
        HomePhone, WorkPhone, Extension, Mobile, Relationship, ParentalAuthority, Pcs,
        ChildUsageName, ChildLastName, ChildFirstName, ChildClass, ChildBirthDate,
    }

    private static readonly Dictionary<string, P> PupilAliases = new()
    {
        ["nomeleve"] = P.LastName, ["nomdefamilleeleve"] = P.LastName, ["nom"] = P.LastName, ["nomdefamille"] = P.LastName,
        ["nomdusageeleve"] = P.UsageName, ["nomusageeleve"] = P.UsageName, ["nomdusage"] = P.UsageName, ["nomusage"] = P.UsageName,
        ["prenomeleve"] = P.FirstName, ["prenom"] = P.FirstName,
        ["datenaissance"] = P.BirthDate, ["datedenaissance"] = P.BirthDate, ["datenaissanceeleve"] = P.BirthDate, ["datedenaissanceeleve"] = P.BirthDate,
        ["sexe"] = P.Sex, ["genre"] = P.Sex,
        ["ine"] = P.Ine, ["ineeleve"] = P.Ine, ["identifiantnationaleleve"] = P.Ine,
        ["adresse1"] = P.Street1, ["adresse"] = P.Street1, ["cp1"] = P.PostalCode1, ["cp"] = P.PostalCode1, ["codepostal"] = P.PostalCode1,
        ["commune1"] = P.City1, ["commune"] = P.City1, ["pays1"] = P.Country1, ["pays"] = P.Country1,
        ["adresse2"] = P.Street2, ["cp2"] = P.PostalCode2, ["commune2"] = P.City2, ["pays2"] = P.Country2,
        ["cycle"] = P.Cycle, ["niveau"] = P.Level,
        ["libelleclasse"] = P.ClassLabel, ["classe"] = P.ClassLabel, ["libelledelaclasse"] = P.ClassLabel,
        ["identifiantclasse"] = P.ClassId, ["idclasse"] = P.ClassId,
        ["autorisationassociations"] = P.Associations, ["autorisationsassociations"] = P.Associations, ["autorisationassociation"] = P.Associations,
        ["autorisationphoto"] = P.Photo, ["autorisationsphotos"] = P.Photo, ["autorisationphotos"] = P.Photo, ["autorisationsphoto"] = P.Photo,
        ["dispositifs"] = P.Scheme, ["dispositif"] = P.Scheme,
    };

    /// <summary>Columns ONDE exports that the import does not need: read silently.</summary>
    private static readonly HashSet<string> PupilIgnored =
    [
        "attestationfournie", "decisiondepassage", "regroupements", "regroupement", "dateinscription",
        "deuxiemeprenom", "troisiemeprenom", "communenaissance", "deptnaissance", "departementnaissance",
        "paysnaissance", "etat",
    ];

    private static readonly Dictionary<string, G> GuardianAliases = new()
    {
        ["civiliteresponsable"] = G.Civility, ["civilite"] = G.Civility,
        ["nomusageresponsable"] = G.UsageName, ["nomdusageresponsable"] = G.UsageName,
        ["nomresponsable"] = G.LastName, ["nomdefamilleresponsable"] = G.LastName,
        ["prenomresponsable"] = G.FirstName,
        ["adresseresponsable"] = G.Street, ["cpresponsable"] = G.PostalCode, ["communeresponsable"] = G.City,
        ["pays"] = G.Country, ["paysresponsable"] = G.Country,
        ["courriel"] = G.Email, ["courrielresponsable"] = G.Email, ["email"] = G.Email, ["mel"] = G.Email,
        ["telephonedomicile"] = G.HomePhone, ["telephonetravail"] = G.WorkPhone, ["numerodeposte"] = G.Extension,
        ["telephoneportable"] = G.Mobile,
        ["lienparente"] = G.Relationship, ["liendeparente"] = G.Relationship, ["lienavecleleve"] = G.Relationship,
        ["lienaveclenfant"] = G.Relationship, ["lienresponsable"] = G.Relationship, ["qualiteresponsable"] = G.Relationship,
        ["lien"] = G.Relationship,
        ["autoriteparentale"] = G.ParentalAuthority, ["responsablelegal"] = G.ParentalAuthority, ["representantlegal"] = G.ParentalAuthority,
        ["pcs"] = G.Pcs,
        ["nomdusageenfant"] = G.ChildUsageName, ["nomusageenfant"] = G.ChildUsageName,
        ["nomdusageeleve"] = G.ChildUsageName, ["nomusageeleve"] = G.ChildUsageName,
        ["nomdefamilleenfant"] = G.ChildLastName, ["nomenfant"] = G.ChildLastName,
        ["nomdefamilleeleve"] = G.ChildLastName, ["nomeleve"] = G.ChildLastName,
        ["prenomenfant"] = G.ChildFirstName, ["prenomeleve"] = G.ChildFirstName,
        ["classesenfants"] = G.ChildClass, ["classeenfant"] = G.ChildClass, ["classesenfant"] = G.ChildClass,
        ["classeseleves"] = G.ChildClass, ["classeeleve"] = G.ChildClass, ["classeseleve"] = G.ChildClass,
        ["datedenaissanceeleve"] = G.ChildBirthDate, ["datenaissanceeleve"] = G.ChildBirthDate,
        ["datedenaissanceenfant"] = G.ChildBirthDate, ["datenaissanceenfant"] = G.ChildBirthDate,
    };

    private static readonly HashSet<string> GuardianIgnored = ["communicationadresses", "communicationadresse"];

    private static readonly (P Field, string Label)[] PupilRequired =
    [
        (P.LastName, "Nom élève"), (P.FirstName, "Prénom élève"), (P.BirthDate, "Date naissance"),
        (P.Level, "Niveau"), (P.ClassLabel, "Libellé classe » (ou « Classe"),
    ];

    private static readonly (G Field, string Label)[] GuardianRequired =
    [
        (G.LastName, "Nom responsable"), (G.FirstName, "Prénom responsable"),
    ];

    public static OndeExtraction Parse(Stream pupils, Stream guardians)
    {
        ArgumentNullException.ThrowIfNull(pupils);
        ArgumentNullException.ThrowIfNull(guardians);
        var result = new OndeExtraction();
        var pupilsUsable = ReadPupils(pupils, result);
        ReadGuardians(guardians, result, pupilsUsable);
        return result;
    }

    // ---------------------------------------------------------------- shared

    private sealed record Table(string Encoding, string[] Header, List<CsvRecord> Rows);

    private static Table? ReadTable(Stream stream, OndeFile file, OndeExtraction result)
    {
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxFileBytes)
                {
                    result.Errors.Add(new(file, 1, $"fichier trop volumineux (plus de {MaxFileBytes / 1024 / 1024} Mo) : ce n'est pas une extraction ONDE."));
                    return null;
                }
            }
            bytes = buffer.ToArray();
        }
        var decoded = OndeCsv.Decode(bytes);
        if (file == OndeFile.Pupils)
        {
            result.PupilsEncoding = decoded.EncodingName;
        }
        else
        {
            result.GuardiansEncoding = decoded.EncodingName;
        }
        if (decoded.Text is null)
        {
            result.Errors.Add(new(file, decoded.FailureLine, decoded.Failure!));
            return null;
        }
        if (string.IsNullOrWhiteSpace(decoded.Text))
        {
            result.Errors.Add(new(file, 1, $"le fichier des {(file == OndeFile.Pupils ? "élèves" : "responsables")} est vide."));
            return null;
        }
        var records = OndeCsv.Tokenize(decoded.Text, OndeCsv.GuessDelimiter(decoded.Text), out var unclosed);
        if (unclosed > 0)
        {
            result.Errors.Add(new(file, unclosed, "guillemet ouvert jamais refermé : cette ligne et la suite du fichier ne peuvent pas être lues."));
            records.RemoveAll(r => r.Line >= unclosed);
        }
        var headerRecord = records.FirstOrDefault(r => !r.IsBlank);
        if (headerRecord is null)
        {
            result.Errors.Add(new(file, 1, "le fichier ne contient aucune ligne d'en-tête."));
            return null;
        }
        var garbled = OndeText.GarbledSample(string.Join(' ', headerRecord.Fields));
        if (garbled is not null)
        {
            result.Errors.Add(new(file, headerRecord.Line, EncodingMessage(garbled)));
        }
        var rows = records.Where(r => r.Line > headerRecord.Line && !r.IsBlank).ToList();
        if (rows.Count == 0)
        {
            result.Errors.Add(new(file, headerRecord.Line + 1, "aucune ligne de données après l'en-tête : l'extraction est vide."));
        }
        return new Table(decoded.EncodingName, headerRecord.Fields, rows);
    }

    private static string EncodingMessage(string sample) =>
        $"caractères illisibles (« {sample} ») : le fichier a été enregistré avec un mauvais encodage ; téléchargez de nouveau l'extraction depuis ONDE sans la modifier. Ligne ignorée.";

    private static string Field(CsvRecord row, int? index) =>
        index is int i && i < row.Fields.Length ? row.Fields[i].Trim() : "";

    private static string? Optional(CsvRecord row, int? index) => OndeText.Clean(Field(row, index));

    // ---------------------------------------------------------------- pupils

    private static bool ReadPupils(Stream stream, OndeExtraction result)
    {
        var table = ReadTable(stream, OndeFile.Pupils, result);
        if (table is null)
        {
            return false;
        }
        var columns = new Dictionary<P, int>();
        var keys = table.Header.Select(OndeText.HeaderKey).ToArray();
        if (keys.Contains("nomresponsable") || keys.Contains("prenomresponsable"))
        {
            result.Errors.Add(new(OndeFile.Pupils, 1, "ce fichier est l'extraction des responsables, pas celle des élèves : vérifiez l'ordre des deux fichiers."));
            return false;
        }
        for (var i = 0; i < keys.Length; i++)
        {
            if (PupilAliases.TryGetValue(keys[i], out var field))
            {
                columns.TryAdd(field, i);
            }
            else if (keys[i].Length > 0 && !PupilIgnored.Contains(keys[i]))
            {
                result.Warnings.Add(new(OndeFile.Pupils, 1, $"colonne « {table.Header[i].Trim()} » inconnue : ignorée."));
            }
        }
        var missing = PupilRequired.Where(r => !columns.ContainsKey(r.Field)).ToList();
        foreach (var (_, label) in missing)
        {
            result.Errors.Add(new(OndeFile.Pupils, 1, $"Colonne « {label} » absente du fichier des élèves : aucun élève n'est importé."));
        }
        if (missing.Count > 0)
        {
            return false;
        }
        result.Variant = columns.ContainsKey(P.Ine) || columns.ContainsKey(P.ClassId) || keys[columns[P.ClassLabel]] != "classe"
            ? OndeVariant.Onde
            : OndeVariant.BaseEleves;

        int? Col(P f) => columns.TryGetValue(f, out var i) ? i : null;
        var byIdentity = new Dictionary<string, OndePupil>();
        var classes = new Dictionary<string, OndeClass>();
        foreach (var row in table.Rows)
        {
            var pupil = ReadPupil(row, Col, result);
            if (pupil is null)
            {
                continue;
            }
            var identity = pupil.Ine is not null
                ? "INE:" + pupil.Ine
                : $"NOM:{OndeText.MatchKey(pupil.LastName)}|{OndeText.MatchKey(pupil.FirstName)}|{pupil.BirthDate:yyyy-MM-dd}";
            if (byIdentity.TryGetValue(identity, out var previous))
            {
                var why = pupil.Ine is not null ? $"même INE {pupil.Ine}" : "mêmes nom, prénom et date de naissance";
                result.Errors.Add(new(OndeFile.Pupils, row.Line, $"élève {pupil.FirstName} {pupil.LastName} déjà présent ligne {previous.SourceLine} ({why}) : ligne ignorée."));
                continue;
            }
            byIdentity[identity] = pupil;
            result.Pupils.Add(pupil);

            var classKey = pupil.OndeClassId is not null ? "ID:" + pupil.OndeClassId : "LIB:" + OndeText.MatchKey(pupil.ClassLabel);
            if (!classes.TryGetValue(classKey, out var schoolClass))
            {
                schoolClass = new OndeClass { Label = pupil.ClassLabel, OndeId = pupil.OndeClassId, Scheme = OndeText.SchemeIn(pupil.ClassLabel) };
                classes[classKey] = schoolClass;
                result.Classes.Add(schoolClass);
            }
            schoolClass.Levels |= pupil.Level;
            schoolClass.PupilCount++;
            OndeText.TryParseLevel(Field(row, Col(P.Level)), out _, out var levelScheme);
            if (schoolClass.Scheme == Scheme.None && levelScheme != Scheme.None)
            {
                // Legacy "CLIS" level: the class itself is the scheme.
                schoolClass.Scheme = levelScheme;
            }
        }
        return true;
    }

    private static OndePupil? ReadPupil(CsvRecord row, Func<P, int?> col, OndeExtraction result)
    {
        const OndeFile file = OndeFile.Pupils;
        var garbled = OndeText.GarbledSample(string.Join(' ', row.Fields));
        if (garbled is not null)
        {
            result.Errors.Add(new(file, row.Line, EncodingMessage(garbled)));
            return null;
        }
        var lastName = Field(row, col(P.LastName));
        var firstName = Field(row, col(P.FirstName));
        if (lastName.Length == 0 || firstName.Length == 0)
        {
            result.Errors.Add(new(file, row.Line, "nom ou prénom de l'élève absent : ligne ignorée."));
            return null;
        }
        var who = $"{firstName} {lastName}";
        var rawDate = Field(row, col(P.BirthDate));
        if (rawDate.Length == 0)
        {
            result.Errors.Add(new(file, row.Line, $"date de naissance absente pour {who} : élève ignoré."));
            return null;
        }
        if (!OndeText.TryParseDate(rawDate, out var birthDate))
        {
            result.Errors.Add(new(file, row.Line, $"date de naissance « {rawDate} » illisible pour {who} (attendu AAAA-MM-JJ ou JJ/MM/AAAA) : élève ignoré."));
            return null;
        }
        var classLabel = Field(row, col(P.ClassLabel));
        if (classLabel.Length == 0)
        {
            result.Errors.Add(new(file, row.Line, $"{who} n'est affecté(e) à aucune classe dans ONDE : élève ignoré."));
            return null;
        }
        var rawLevel = Field(row, col(P.Level));
        if (!OndeText.TryParseLevel(rawLevel, out var level, out var levelScheme))
        {
            result.Warnings.Add(new(file, row.Line, $"niveau « {rawLevel} » inconnu pour {who} : élève importé sans niveau."));
        }
        char? sex = OndeText.MatchKey(Field(row, col(P.Sex))) switch
        {
            "M" or "H" or "MASCULIN" or "GARCON" => 'M',
            "F" or "FEMININ" or "FILLE" => 'F',
            _ => null,
        };
        if (sex is null && Field(row, col(P.Sex)).Length > 0)
        {
            result.Warnings.Add(new(file, row.Line, $"sexe « {Field(row, col(P.Sex))} » inconnu pour {who} (attendu M ou F)."));
        }
        var ine = Optional(row, col(P.Ine))?.ToUpperInvariant();
        if (ine is not null && (ine.Length != 11 || !ine.All(char.IsAsciiLetterOrDigit)))
        {
            result.Warnings.Add(new(file, row.Line, $"INE « {ine} » de {who} mal formé (11 caractères attendus)."));
        }
        var photo = YesNo(row, col(P.Photo), "Autorisation photo", who, result);
        var associations = YesNo(row, col(P.Associations), "Autorisation associations", who, result);
        var scheme = OndeText.SchemeIn(Field(row, col(P.Scheme)));
        if (scheme == Scheme.None)
        {
            scheme = levelScheme != Scheme.None ? levelScheme : OndeText.SchemeIn(classLabel);
        }
        return new OndePupil
        {
            LastName = lastName,
            UsageName = Optional(row, col(P.UsageName)),
            FirstName = firstName,
            BirthDate = birthDate,
            Sex = sex,
            Ine = ine,
            Cycle = Optional(row, col(P.Cycle)),
            Level = level,
            ClassLabel = classLabel,
            OndeClassId = Optional(row, col(P.ClassId)),
            Scheme = scheme,
            PhotoAllowed = photo,
            AssociationsAllowed = associations,
            Address1 = Address(row, col(P.Street1), col(P.PostalCode1), col(P.City1), col(P.Country1)),
            Address2 = Address(row, col(P.Street2), col(P.PostalCode2), col(P.City2), col(P.Country2)),
            SourceLine = row.Line,
        };
    }

    private static bool? YesNo(CsvRecord row, int? index, string column, string who, OndeExtraction result)
    {
        var value = OndeText.ParseYesNo(Field(row, index), out var readable);
        if (!readable)
        {
            result.Warnings.Add(new(OndeFile.Pupils, row.Line, $"« {column} » vaut « {Field(row, index)} » pour {who} (attendu Oui ou Non) : considéré comme inconnu."));
        }
        return value;
    }

    private static OndeAddress? Address(CsvRecord row, int? street, int? postalCode, int? city, int? country)
    {
        var address = new OndeAddress(Optional(row, street), Optional(row, postalCode), Optional(row, city), Optional(row, country));
        return address.IsEmpty ? null : address;
    }

    // ---------------------------------------------------------------- guardians

    private sealed class ChildBlock
    {
        public Dictionary<G, int> Columns { get; } = [];
    }

    private sealed record Child(string LastName, string? UsageName, string FirstName, string? ClassLabel, DateOnly? BirthDate);

    private static void ReadGuardians(Stream stream, OndeExtraction result, bool pupilsUsable)
    {
        const OndeFile file = OndeFile.Guardians;
        var table = ReadTable(stream, file, result);
        if (table is null)
        {
            return;
        }
        var keys = table.Header.Select(OndeText.HeaderKey).ToArray();
        var columns = new Dictionary<G, int>();
        var blocks = new List<ChildBlock>();
        for (var i = 0; i < keys.Length; i++)
        {
            if (!GuardianAliases.TryGetValue(keys[i], out var field))
            {
                if (keys[i].Length > 0 && !GuardianIgnored.Contains(keys[i]))
                {
                    result.Warnings.Add(new(file, 1, $"colonne « {table.Header[i].Trim()} » inconnue : ignorée."));
                }
                continue;
            }
            if (field >= G.ChildUsageName)
            {
                // Child blocks repeat: a field already seen in the current block starts the next one.
                if (blocks.Count == 0 || blocks[^1].Columns.ContainsKey(field))
                {
                    blocks.Add(new ChildBlock());
                }
                blocks[^1].Columns[field] = i;
            }
            else
            {
                columns.TryAdd(field, i);
            }
        }
        if (!columns.ContainsKey(G.LastName) && keys.Contains("nomeleve") && keys.Contains("niveau"))
        {
            result.Errors.Add(new(file, 1, "ce fichier est l'extraction des élèves, pas celle des responsables : vérifiez l'ordre des deux fichiers."));
            return;
        }
        var missing = GuardianRequired.Where(r => !columns.ContainsKey(r.Field)).Select(r => r.Label).ToList();
        if (!blocks.Any(b => b.Columns.ContainsKey(G.ChildLastName)))
        {
            missing.Add("Nom de famille enfant");
        }
        if (!blocks.Any(b => b.Columns.ContainsKey(G.ChildFirstName)))
        {
            missing.Add("Prénom enfant");
        }
        foreach (var label in missing)
        {
            result.Errors.Add(new(file, 1, $"Colonne « {label} » absente du fichier des responsables : aucun responsable n'est importé."));
        }
        if (missing.Count > 0)
        {
            return;
        }

        int? Col(G f) => columns.TryGetValue(f, out var i) ? i : null;
        var pupilIndex = new Dictionary<string, List<OndePupil>>();
        foreach (var pupil in result.Pupils)
        {
            foreach (var last in new[] { pupil.LastName, pupil.UsageName }.OfType<string>().Select(OndeText.MatchKey).Distinct())
            {
                var key = last + "|" + OndeText.MatchKey(pupil.FirstName);
                if (!pupilIndex.TryGetValue(key, out var list))
                {
                    pupilIndex[key] = list = [];
                }
                list.Add(pupil);
            }
        }
        var guardians = new Dictionary<string, OndeGuardian>();
        var links = new HashSet<(OndeGuardian, OndePupil)>();
        foreach (var row in table.Rows)
        {
            var garbled = OndeText.GarbledSample(string.Join(' ', row.Fields));
            if (garbled is not null)
            {
                result.Errors.Add(new(file, row.Line, EncodingMessage(garbled)));
                continue;
            }
            var civility = Civility(Field(row, Col(G.Civility)));
            var lastName = Field(row, Col(G.LastName));
            var firstName = Field(row, Col(G.FirstName));
            var children = ReadChildren(row, blocks, result);
            if (firstName.Length == 0 && civility is null)
            {
                // Host organisations ("organismes d'accueil") come at the end of the file, with no first name.
                var name = lastName.Length > 0 ? lastName : Field(row, Col(G.UsageName));
                result.SkippedHostOrganisations.Add(new(file, row.Line, $"organisme d'accueil « {name} » ignoré."));
                continue;
            }
            if (firstName.Length == 0 || lastName.Length == 0)
            {
                result.Errors.Add(new(file, row.Line, "nom ou prénom du responsable absent : ligne ignorée."));
                continue;
            }
            if (children.Count == 0)
            {
                result.Errors.Add(new(file, row.Line, $"aucun enfant indiqué pour {firstName} {lastName} : ligne ignorée."));
                continue;
            }
            result.GuardianRowCount++;
            var address = Address(row, Col(G.Street), Col(G.PostalCode), Col(G.City), Col(G.Country));
            var email = Optional(row, Col(G.Email));
            var relationshipText = Optional(row, Col(G.Relationship));
            Relationship? relationship = relationshipText is null ? null : ParseRelationship(relationshipText);
            var authority = OndeText.ParseYesNo(Field(row, Col(G.ParentalAuthority)), out var authorityReadable);
            if (!authorityReadable)
            {
                result.Warnings.Add(new(file, row.Line, $"« Autorité parentale » vaut « {Field(row, Col(G.ParentalAuthority))} » (attendu Oui ou Non) : considérée comme inconnue."));
            }
            var identity = string.Join('|',
                OndeText.MatchKey(lastName), OndeText.MatchKey(firstName),
                address is null ? "@" + (email ?? "").ToUpperInvariant() : OndeText.MatchKey(address.Street) + "|" + OndeText.MatchKey(address.PostalCode));
            if (guardians.TryGetValue(identity, out var guardian))
            {
                result.Warnings.Add(new(file, row.Line, $"{firstName} {lastName} figure déjà ligne {guardian.SourceLines[0]} : les deux lignes sont fusionnées."));
            }
            else
            {
                guardian = new OndeGuardian { LastName = lastName, FirstName = firstName };
                guardians[identity] = guardian;
                result.Guardians.Add(guardian);
            }
            guardian.SourceLines.Add(row.Line);
            guardian.Civility ??= civility;
            guardian.UsageName ??= Optional(row, Col(G.UsageName));
            guardian.Relationship ??= relationship;
            guardian.HasParentalAuthority ??= authority;
            guardian.Email ??= email;
            guardian.HomePhone ??= Optional(row, Col(G.HomePhone));
            guardian.WorkPhone ??= Optional(row, Col(G.WorkPhone));
            guardian.WorkExtension ??= Optional(row, Col(G.Extension));
            guardian.MobilePhone ??= Optional(row, Col(G.Mobile));
            guardian.Address ??= address;
            guardian.Pcs ??= Optional(row, Col(G.Pcs));
            if (!pupilsUsable)
            {
                continue;
            }
            foreach (var child in children)
            {
                var pupil = MatchChild(child, pupilIndex, row.Line, result);
                if (pupil is not null && links.Add((guardian, pupil)))
                {
                    result.Links.Add(new OndeGuardianLink(guardian, pupil, guardian.Relationship, guardian.HasParentalAuthority, row.Line));
                }
            }
        }
        if (!pupilsUsable)
        {
            return;
        }
        var linked = result.Links.Select(l => l.Guardian).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var orphan in result.Guardians.Where(g => !linked.Contains(g)).ToList())
        {
            result.Guardians.Remove(orphan);
            result.Errors.Add(new(file, orphan.SourceLines[0], $"aucun des enfants de {orphan.FirstName} {orphan.LastName} n'a été trouvé dans le fichier des élèves : responsable ignoré."));
        }
    }

    private static List<Child> ReadChildren(CsvRecord row, List<ChildBlock> blocks, OndeExtraction result)
    {
        var children = new List<Child>();
        foreach (var block in blocks)
        {
            int? Col(G f) => block.Columns.TryGetValue(f, out var i) ? i : null;
            var last = Optional(row, Col(G.ChildLastName));
            var usage = Optional(row, Col(G.ChildUsageName));
            var first = Optional(row, Col(G.ChildFirstName));
            var label = Optional(row, Col(G.ChildClass));
            if (last is null && usage is null && first is null)
            {
                continue;
            }
            if ((last ?? usage) is null || first is null)
            {
                result.Errors.Add(new(OndeFile.Guardians, row.Line, $"enfant incomplet (« {first ?? ""} {last ?? usage ?? ""} ») : nom et prénom attendus, lien non créé."));
                continue;
            }
            DateOnly? birthDate = null;
            var rawDate = Optional(row, Col(G.ChildBirthDate));
            if (rawDate is not null)
            {
                if (OndeText.TryParseDate(rawDate, out var d))
                {
                    birthDate = d;
                }
                else
                {
                    result.Warnings.Add(new(OndeFile.Guardians, row.Line, $"date de naissance « {rawDate} » de {first} {last ?? usage} illisible : ignorée pour le rapprochement."));
                }
            }
            children.Add(new Child(last ?? usage!, usage, first, label, birthDate));
        }
        return children;
    }

    private static OndePupil? MatchChild(Child child, Dictionary<string, List<OndePupil>> index, int line, OndeExtraction result)
    {
        var first = OndeText.MatchKey(child.FirstName);
        var byName = new[] { child.LastName, child.UsageName }.OfType<string>()
            .Select(n => OndeText.MatchKey(n) + "|" + first)
            .SelectMany(k => index.TryGetValue(k, out var list) ? list : [])
            .Distinct()
            .Where(p => child.BirthDate is null || p.BirthDate == child.BirthDate)
            .ToList();
        var label = OndeText.MatchKey(child.ClassLabel);
        var inClass = label.Length == 0
            ? byName
            : byName.Where(p => OndeText.MatchKey(p.ClassLabel) == label || p.OndeClassId == child.ClassLabel).ToList();
        var who = $"{child.FirstName} {child.LastName}" + (child.ClassLabel is null ? "" : $" (classe « {child.ClassLabel} »)");
        if (inClass.Count == 1)
        {
            return inClass[0];
        }
        if (inClass.Count > 1)
        {
            result.Errors.Add(new(OndeFile.Guardians, line, $"plusieurs élèves correspondent à l'enfant {who} : lien non créé."));
            return null;
        }
        if (byName.Count == 1)
        {
            result.Warnings.Add(new(OndeFile.Guardians, line, $"l'enfant {who} est dans la classe « {byName[0].ClassLabel} » selon le fichier des élèves : lien créé avec cette classe."));
            return byName[0];
        }
        result.Errors.Add(new(OndeFile.Guardians, line, $"enfant {who} absent du fichier des élèves : lien non créé."));
        return null;
    }

    private static string? Civility(string value) => OndeText.MatchKey(value) switch
    {
        "" => null,
        "M" or "MR" or "MONSIEUR" => "M.",
        "MME" or "MLLE" or "MADAME" or "MADEMOISELLE" => "Mme",
        _ => value.Trim(),
    };

    private static Relationship ParseRelationship(string value) => OndeText.MatchKey(value) switch
    {
        "MERE" => Relationship.Mother,
        "PERE" => Relationship.Father,
        "TUTEUR" or "TUTRICE" or "TUTEUR LEGAL" or "TUTRICE LEGALE" => Relationship.Tutor,
        _ => Relationship.Other,
    };
}
