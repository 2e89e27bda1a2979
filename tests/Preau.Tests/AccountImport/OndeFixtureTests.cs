using System.Text;
using Preau.Web.Modules.AccountImport.Onde;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory.Data;

namespace Preau.Tests.AccountImport;

/// <summary>Generated extractions: every shape the issue lists, and the malformed files.</summary>
public sealed class OndeFixtureTests
{
    private const string PupilHeader =
        "Nom élève;Nom d'usage élève;Prénom élève;Date naissance;Sexe;INE;Adresse1;Cp1;Commune1;Pays1;Adresse2;Cp2;Commune2;Pays2; Cycle;Niveau;Libellé classe;Identifiant classe;Attestation fournie;Autorisation associations;Autorisation photo;Décision de passage";

    private const string PupilRows =
        "MARTIN;;Léa;2018-03-14;F;0000700001A;1 rue Pasteur;70000;VESOUL;FRANCE;;;;;CYCLE II;CE2;CE1-CE2 Mme Roux;4000701;Oui;Oui;Oui;\n" +
        "MARTIN;;Hugo;2020-09-02;M;0000700002B;1 rue Pasteur;70000;VESOUL;FRANCE;3 rue Haute;70200;LURE;FRANCE;CYCLE II;CP;CP M. Petit;4000702;Oui;Non;Non;\n" +
        "ÇELIK;;Zoé;2019-01-30;F;0000700003C;5 place de l'Église;70000;VESOUL;FRANCE;;;;;CYCLE II;CE1;CE1-CE2 Mme Roux;4000701;Oui;Oui;Oui;\n";

    private const string Guardian13Header =
        "Civilité Responsable;Nom usage responsable;Nom responsable;Prénom responsable;Adresse responsable;CP responsable;Commune responsable;Pays;Courriel;Téléphone domicile;Téléphone travail;Numéro de poste;Téléphone portable;Nom d'usage enfant;Nom de famille enfant;Prénom enfant;Classes enfants;Nom d'usage enfant;Nom de famille enfant;Prénom enfant;Classes enfants";

    private const string Guardian13Rows =
        "MME;;MARTIN;Anaïs;1 rue Pasteur;70000;VESOUL;FRANCE;anais@exemple.fr;;;12;0611111111;;MARTIN;Léa;CE1-CE2 Mme Roux;;MARTIN;Hugo;CP M. Petit\n" +
        "M.;;MARTIN;Paul;3 rue Haute;70200;LURE;FRANCE;;;;;0622222222;;MARTIN;Hugo;CP M. Petit;;;;\n" +
        "MME;;DURAND;Inès;5 place de l'Église;70000;VESOUL;FRANCE;ines@exemple.fr;;;;0633333333;;ÇELIK;Zoé;CE1-CE2 Mme Roux;;;;\n" +
        "MME;;DURAND;Inès;5 place de l'Église;70000;VESOUL;FRANCE;ines@exemple.fr;;;;0633333333;;ÇELIK;Zoé;CE1-CE2 Mme Roux;;;;\n" +
        ";;ASSOCIATION LES PETITS LOUPS;;2 rue du Stade;70000;VESOUL;FRANCE;;;;;;;;;;;;;\n";

    private static MemoryStream Utf8(string text) => new(new UTF8Encoding(false).GetBytes(text));

    private static MemoryStream Bytes(byte[] bytes) => new(bytes);

    private static OndeExtraction Parse(string pupils, string guardians) => OndeParser.Parse(Utf8(pupils), Utf8(guardians));

    private static OndeExtraction ParseGood() => Parse(PupilHeader + "\n" + PupilRows, Guardian13Header + "\n" + Guardian13Rows);

    [Fact]
    public void Utf8WithoutBomUnquotedLf_IsReadWithIsoDates()
    {
        var result = ParseGood();

        Assert.Empty(result.Errors);
        Assert.Equal("UTF-8", result.PupilsEncoding);
        Assert.Equal(OndeVariant.Onde, result.Variant);
        Assert.Equal(3, result.Pupils.Count);
        var zoe = Assert.Single(result.Pupils, p => p.FirstName == "Zoé");
        Assert.Equal("ÇELIK", zoe.LastName);
        Assert.Equal(new DateOnly(2019, 1, 30), zoe.BirthDate);
        Assert.Equal(4, zoe.SourceLine);
        Assert.Equal(2, result.Classes.Count);
        Assert.Equal(Levels.Ce1 | Levels.Ce2, Assert.Single(result.Classes, c => c.OndeId == "4000701").Levels);
        Assert.Equal(1, result.MultiLevelClassCount);
    }

    [Fact]
    public void Guardians_AreMergedLinkedAndHostOrganisationsSkipped()
    {
        var result = ParseGood();

        Assert.Equal(4, result.GuardianRowCount);
        Assert.Equal(3, result.Guardians.Count);
        Assert.Equal(1, result.HostOrganisationRowsSkipped);
        Assert.Equal(6, result.SkippedHostOrganisations[0].Line);
        // Separated parents: Hugo has his mother and his father at another address.
        var hugo = result.Pupils.Single(p => p.FirstName == "Hugo");
        Assert.Equal(2, result.Links.Count(l => l.Pupil == hugo));
        Assert.Equal(4, result.Links.Count);
        Assert.Equal(1, result.CountFamiliesWithSiblings());
        var ines = result.Guardians.Single(g => g.FirstName == "Inès");
        Assert.Equal([4, 5], ines.SourceLines);
        var anais = result.Guardians.Single(g => g.FirstName == "Anaïs");
        Assert.Equal("Mme", anais.Civility);
        Assert.Equal("anais@exemple.fr", anais.Email);
        Assert.Equal("12", anais.WorkExtension);
        Assert.Equal("0611111111", anais.MobilePhone);
        Assert.Equal("1 rue Pasteur", anais.Address?.Street);
        Assert.Null(anais.Relationship);
        Assert.Null(anais.HasParentalAuthority);
    }

    [Fact]
    public void PhotoAndAssociationAuthorisations_AreStored()
    {
        var result = ParseGood();

        var hugo = result.Pupils.Single(p => p.FirstName == "Hugo");
        Assert.False(hugo.PhotoAllowed);
        Assert.False(hugo.AssociationsAllowed);
        Assert.Equal("3 rue Haute", hugo.Address2?.Street);
        Assert.True(result.Pupils.Single(p => p.FirstName == "Léa").PhotoAllowed);
    }

    [Fact]
    public void TwelveGuardianColumns_GiveTheSameResultAsThirteen()
    {
        var header12 = Guardian13Header.Replace("Numéro de poste;", "", StringComparison.Ordinal);
        var rows12 = string.Join('\n', Guardian13Rows.Split('\n').Select(r =>
        {
            var f = r.Split(';').ToList();
            if (f.Count > 11)
            {
                f.RemoveAt(11);
            }
            return string.Join(';', f);
        }));

        var result = Parse(PupilHeader + "\n" + PupilRows, header12 + "\n" + rows12);

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Guardians.Count);
        Assert.Equal(4, result.Links.Count);
        var anais = result.Guardians.Single(g => g.FirstName == "Anaïs");
        Assert.Equal("0611111111", anais.MobilePhone);
        Assert.Null(anais.WorkExtension);
    }

    [Fact]
    public void Iso88591QuotedCrlf_IsDecodedAsWindows1252()
    {
        static string Quote(string csv) => string.Join("\r\n", csv.TrimEnd('\n').Split('\n')
            .Select(line => string.Join(';', line.Split(';').Select(f => "\"" + f + "\"")))) + "\r\n";
        var pupils = Encoding.Latin1.GetBytes(Quote(PupilHeader + "\n" + PupilRows));
        var guardians = Encoding.Latin1.GetBytes(Quote(Guardian13Header + "\n" + Guardian13Rows));

        var result = OndeParser.Parse(Bytes(pupils), Bytes(guardians));

        Assert.Empty(result.Errors);
        Assert.Equal("Windows-1252", result.PupilsEncoding);
        Assert.Contains(result.Pupils, p => p.LastName == "ÇELIK" && p.FirstName == "Zoé");
        Assert.Equal(4, result.Links.Count);
    }

    [Fact]
    public void Windows1252_HighRangeIsDecodedByHand()
    {
        Assert.Equal("Œuvre € – œ", OndeCsv.DecodeWindows1252([0x8C, 0x75, 0x76, 0x72, 0x65, 0x20, 0x80, 0x20, 0x96, 0x20, 0x9C]));
    }

    [Fact]
    public void Onde2019_ElevesChildBlocksAndExtraColumns_AreReadByName()
    {
        var pupils =
            "Nom élève;Prénom élève;Nom d'usage élève;INE;Date naissance;Sexe;Niveau;Dispositif(s);Regroupement(s);Libellé classe;Identifiant classe;Autorisation photo;Autorisation associations;Colonne surprise\n" +
            "LEROY;Tom;;0000700010K;12/04/2017;M;CM1;ULIS école;;CM1-CM2 M. Blanc;4000801;Non;Oui;x\n" +
            "LEROY;Nina;;0000700011L;2019-06-01;F;CE1;;;UPE2A Mme Vert;4000802;Oui;Oui;x\n";
        var guardians =
            "Civilité Responsable;Nom responsable;Prénom responsable;Nom usage responsable;Lien de parenté;Autorité parentale;PCS;Communication adresses;Téléphone portable;Courriel;Adresse responsable;CP responsable;Commune responsable;Pays;" +
            "Nom d'usage élève;Nom de famille élève;Prénom élève;Date de naissance élève;Classes élèves;Nom d'usage élève;Nom de famille élève;Prénom élève;Date de naissance élève;Classes élèves\n" +
            "MME;LEROY;Sophie;;Mère;Oui;Cadre;Oui;0600000000;s@exemple.fr;1 rue A;70000;VESOUL;FRANCE;;LEROY;Tom;2017-04-12;CM1-CM2 M. Blanc;;LEROY;Nina;01/06/2019;UPE2A Mme Vert\n" +
            "M.;DUPUIS;Marc;;Autre membre de la famille;Non;;;;;2 rue B;70000;VESOUL;FRANCE;;LEROY;Nina;;UPE2A Mme Vert\n";

        var result = Parse(pupils, guardians);

        Assert.Empty(result.Errors);
        var tom = result.Pupils.Single(p => p.FirstName == "Tom");
        Assert.Equal(Scheme.Ulis, tom.Scheme);
        Assert.False(tom.PhotoAllowed);
        Assert.Equal(new DateOnly(2017, 4, 12), tom.BirthDate);
        Assert.Equal(Scheme.Upe2a, result.Classes.Single(c => c.OndeId == "4000802").Scheme);
        Assert.Equal(Scheme.None, result.Classes.Single(c => c.OndeId == "4000801").Scheme);
        Assert.Contains(result.Warnings, w => w.File == OndeFile.Pupils && w.Line == 1 && w.Message.Contains("Colonne surprise", StringComparison.Ordinal));
        var sophie = result.Guardians.Single(g => g.FirstName == "Sophie");
        Assert.Equal(Relationship.Mother, sophie.Relationship);
        Assert.True(sophie.HasParentalAuthority);
        Assert.Equal("Cadre", sophie.Pcs);
        Assert.Equal(2, result.Links.Count(l => l.Guardian == sophie));
        var marc = Assert.Single(result.Links, l => l.Guardian.FirstName == "Marc");
        Assert.Equal(Relationship.Other, marc.Relationship);
        Assert.False(marc.HasParentalAuthority);
        Assert.Equal(1, result.CountFamiliesWithSiblings());
    }

    [Theory]
    [InlineData('\t')]
    [InlineData(',')]
    public void TabOrCommaDelimiter_IsTakenFromTheHeader(char delimiter)
    {
        static string Swap(string csv, char d) => csv.Replace("5 place de l'Église", "5 place Église", StringComparison.Ordinal).Replace(';', d);
        var result = Parse(Swap(PupilHeader + "\n" + PupilRows, delimiter), Swap(Guardian13Header + "\n" + Guardian13Rows, delimiter));

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Pupils.Count);
        Assert.Equal(4, result.Links.Count);
    }

    [Fact]
    public void ShortAndLongRows_DoNotThrowAndKeepWhatTheyHold()
    {
        var pupils = PupilHeader + "\n" +
            "COURT;;Jean;2018-01-01;M;0000700020A;;;;;;;;; CYCLE II;CE2;CE2 M. Noir;4000901\n" +
            "LONG;;Anne;2018-02-02;F;0000700021B;;;;;;;;;CYCLE II;CE2;CE2 M. Noir;4000901;Oui;Oui;Non;;en trop;encore;\"et encore\"\n";
        var guardians = Guardian13Header + "\n" +
            "M.;;COURT;Pierre;;;;;;;;;;;COURT;Jean;CE2 M. Noir\n" +
            "MME;;LONG;Claire;;;;;;;;;;;LONG;Anne;CE2 M. Noir;;;;;;en;trop\n";

        var result = Parse(pupils, guardians);

        Assert.Empty(result.Errors);
        var jean = result.Pupils.Single(p => p.FirstName == "Jean");
        Assert.Null(jean.PhotoAllowed);
        Assert.Null(jean.AssociationsAllowed);
        Assert.False(result.Pupils.Single(p => p.FirstName == "Anne").PhotoAllowed);
        Assert.Equal(2, result.Links.Count);
    }

    [Fact]
    public void LegacyBaseEleves_ClisLevelAndDdMmYyyy()
    {
        var pupils =
            "\"Nom Elève\";\"Nom d'usage Elève\";\"Prénom Elève\";\"Date naissance\";\"Sexe\";\" Cycle\";\"Niveau\";\"Classe\";\"Autorisations associations\";\"Autorisations photos\"\r\n" +
            "\"BRUN\";\"\";\"Léo\";\"03/05/2015\";\"H\";\"CYCLE III\";\"CLIS\";\"CLIS Mme Gris\";\"Oui\";\"Non\"\r\n";
        var guardians = Guardian13Header + "\n" + "M.;;BRUN;Luc;;;;;;;;;;;BRUN;Léo;CLIS Mme Gris\n";

        var result = Parse(pupils, guardians);

        Assert.Empty(result.Errors);
        Assert.Equal(OndeVariant.BaseEleves, result.Variant);
        var leo = Assert.Single(result.Pupils);
        Assert.Equal('M', leo.Sex);
        Assert.Null(leo.Ine);
        Assert.Equal(Levels.None, leo.Level);
        Assert.Equal(Scheme.Ulis, leo.Scheme);
        Assert.Equal(Scheme.Ulis, Assert.Single(result.Classes).Scheme);
        Assert.Single(result.Links);
    }

    [Fact]
    public void DuplicatePupils_ByIneOrByNameAndBirthDate_AreReportedOnTheirLine()
    {
        var pupils = PupilHeader + "\n" + PupilRows +
            "MARTIN;;Léa;2018-03-14;F;0000700001A;;;;;;;;;CYCLE II;CE2;CE1-CE2 Mme Roux;4000701;Oui;Oui;Oui;\n";

        var result = Parse(pupils, Guardian13Header + "\n" + Guardian13Rows);

        var error = Assert.Single(result.Errors);
        Assert.Equal(OndeFile.Pupils, error.File);
        Assert.Equal(5, error.Line);
        Assert.Contains("déjà présent ligne 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, result.Pupils.Count);
    }

    [Fact]
    public void UnknownChild_IsAnErrorOnTheGuardianLine()
    {
        var guardians = Guardian13Header + "\n" + Guardian13Rows +
            "M.;;MARTIN;Paul;3 rue Haute;70200;LURE;FRANCE;;;;;;;MARTIN;Jules;CM2 M. X;;;;\n";

        var result = Parse(PupilHeader + "\n" + PupilRows, guardians);

        Assert.Contains(result.Errors, e => e.File == OndeFile.Guardians && e.Line == 7
            && e.Message.Contains("Jules MARTIN", StringComparison.Ordinal) && e.Message.Contains("absent du fichier des élèves", StringComparison.Ordinal));
        // Paul (line 3) is the same person as on line 7 and keeps his link to Hugo.
        Assert.Equal([3, 7], result.Guardians.Single(g => g.FirstName == "Paul").SourceLines);
    }

    [Fact]
    public void ChildInAnotherClass_IsLinkedWithAWarning()
    {
        var guardians = Guardian13Header + "\n" + "M.;;MARTIN;Paul;;;;;;;;;;;MARTIN;Hugo;CE1 M. Ancien\n";

        var result = Parse(PupilHeader + "\n" + PupilRows, guardians);

        Assert.Empty(result.Errors);
        Assert.Single(result.Links);
        Assert.Contains(result.Warnings, w => w.Line == 2 && w.Message.Contains("CP M. Petit", StringComparison.Ordinal));
    }

    // ------------------------------------------------------------ malformed files

    [Fact]
    public void MissingRequiredColumn_GivesOneFrenchErrorAndNoRows()
    {
        var pupils = PupilHeader.Replace("Prénom élève;", "", StringComparison.Ordinal) + "\n" + "MARTIN;;2018-03-14;F\n";

        var result = Parse(pupils, Guardian13Header + "\n" + Guardian13Rows);

        var error = Assert.Single(result.Errors, e => e.File == OndeFile.Pupils);
        Assert.Equal(1, error.Line);
        Assert.Equal("Colonne « Prénom élève » absente du fichier des élèves : aucun élève n'est importé.", error.Message);
        Assert.Empty(result.Pupils);
        Assert.Empty(result.Links);
        Assert.Equal("Fichier des élèves, ligne 1 : " + error.Message, error.ToString());
    }

    [Fact]
    public void MissingGuardianColumn_IsNamedInFrench()
    {
        var guardians = Guardian13Header.Replace("Prénom enfant", "Prenom du petit", StringComparison.Ordinal) + "\n" + Guardian13Rows;

        var result = Parse(PupilHeader + "\n" + PupilRows, guardians);

        var error = Assert.Single(result.Errors);
        Assert.Equal(OndeFile.Guardians, error.File);
        Assert.Contains("« Prénom enfant » absente du fichier des responsables", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Guardians);
        Assert.Equal(3, result.Pupils.Count);
    }

    [Theory]
    [InlineData("2018-13-14")]
    [InlineData("31/02/2018")]
    [InlineData("14 mars 2018")]
    [InlineData("")]
    public void BadDate_IsAnErrorOnItsLineAndThePupilIsSkipped(string date)
    {
        var pupils = PupilHeader + "\n" + PupilRows.Replace("2020-09-02", date, StringComparison.Ordinal);

        var result = Parse(pupils, Guardian13Header + "\n" + Guardian13Rows);

        var error = Assert.Single(result.Errors, e => e.File == OndeFile.Pupils);
        Assert.Equal(3, error.Line);
        Assert.Contains("date de naissance", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hugo MARTIN", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Pupils.Count);
        Assert.DoesNotContain(result.Pupils, p => p.FirstName == "Hugo");
        // Hugo's guardians are told about on their own lines.
        Assert.Contains(result.Errors, e => e.File == OndeFile.Guardians && e.Line == 2 && e.Message.Contains("Hugo", StringComparison.Ordinal));
    }

    [Fact]
    public void WrongEncodingGuess_DoubleEncodedUtf8_GivesLineLevelErrors()
    {
        // A UTF-8 file opened as Windows-1252 and saved again as UTF-8: "Léa" becomes "LÃ©a".
        var garbled = Encoding.UTF8.GetString(Encoding.Convert(Encoding.Latin1, Encoding.UTF8, Encoding.UTF8.GetBytes(PupilRows)));
        var pupils = PupilHeader + "\n" + garbled;

        var result = Parse(pupils, Guardian13Header + "\n" + Guardian13Rows);

        var errors = result.Errors.Where(e => e.File == OndeFile.Pupils).ToList();
        Assert.Equal([2, 4], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Contains("mauvais encodage", e.Message, StringComparison.Ordinal));
        Assert.Contains("Ã©", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("Hugo", Assert.Single(result.Pupils).FirstName);
    }

    [Fact]
    public void WrongEncodingGuess_OneUtf8LineInAWindows1252File_IsReportedOnThatLine()
    {
        var lines = (PupilHeader + "\n" + PupilRows).TrimEnd('\n').Split('\n');
        var bytes = new List<byte>();
        for (var i = 0; i < lines.Length; i++)
        {
            bytes.AddRange(i == 3 ? Encoding.UTF8.GetBytes(lines[i]) : Encoding.Latin1.GetBytes(lines[i]));
            bytes.Add((byte)'\n');
        }

        var result = OndeParser.Parse(Bytes([.. bytes]), Utf8(Guardian13Header + "\n" + Guardian13Rows));

        Assert.Equal("Windows-1252", result.PupilsEncoding);
        var error = Assert.Single(result.Errors, e => e.File == OndeFile.Pupils);
        Assert.Equal(4, error.Line);
        Assert.Equal(2, result.Pupils.Count);
        Assert.Contains(result.Pupils, p => p.FirstName == "Léa");
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0x0D, 0x0A, 0x20, 0x0D, 0x0A })]
    public void EmptyFile_IsAnError(byte[] content)
    {
        var result = OndeParser.Parse(Bytes(content), Utf8(Guardian13Header + "\n" + Guardian13Rows));

        var error = Assert.Single(result.Errors, e => e.File == OndeFile.Pupils);
        Assert.Equal(1, error.Line);
        Assert.Contains("vide", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Pupils);
        Assert.Empty(result.Links);
    }

    [Fact]
    public void HeaderOnly_IsAnErrorOnLineTwo()
    {
        var result = Parse(PupilHeader + "\r\n", Guardian13Header + "\n" + Guardian13Rows);

        var error = Assert.Single(result.Errors, e => e.File == OndeFile.Pupils);
        Assert.Equal(2, error.Line);
        Assert.Contains("aucune ligne de données", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryFile_GivesOneErrorAndNoRows()
    {
        var binary = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00 };

        var result = OndeParser.Parse(Utf8(PupilHeader + "\n" + PupilRows), Bytes(binary));

        var error = Assert.Single(result.Errors);
        Assert.Equal(OndeFile.Guardians, error.File);
        Assert.Equal(1, error.Line);
        Assert.Contains("classeur", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Guardians);
        Assert.Equal(3, result.Pupils.Count);
    }

    [Fact]
    public void BinaryBytesLaterInTheFile_AreReportedOnTheirLine()
    {
        var bytes = Encoding.UTF8.GetBytes(PupilHeader + "\n" + PupilRows).Concat(new byte[] { 0x00, 0x01, 0xFF }).ToArray();

        var result = OndeParser.Parse(Bytes(bytes), Utf8(Guardian13Header + "\n" + Guardian13Rows));

        var error = Assert.Single(result.Errors, e => e.File == OndeFile.Pupils);
        Assert.Equal(5, error.Line);
        Assert.Contains("binaires", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Pupils);
    }

    [Fact]
    public void SwappedFiles_AreRecognised()
    {
        var result = Parse(Guardian13Header + "\n" + Guardian13Rows, PupilHeader + "\n" + PupilRows);

        Assert.Contains(result.Errors, e => e.File == OndeFile.Pupils && e.Message.Contains("extraction des responsables", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == OndeFile.Guardians && e.Message.Contains("extraction des élèves", StringComparison.Ordinal));
    }

    [Fact]
    public void UnclosedQuote_IsReportedWhereItOpens()
    {
        var pupils = PupilHeader + "\n" + PupilRows + "\"DUPONT;;Eva;2018-01-01\n";

        var result = Parse(pupils, Guardian13Header + "\n" + Guardian13Rows);

        var error = Assert.Single(result.Errors, e => e.File == OndeFile.Pupils);
        Assert.Equal(5, error.Line);
        Assert.Contains("guillemet", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, result.Pupils.Count);
    }

    [Fact]
    public void QuotedFields_KeepDelimitersQuotesAndLineBreaks()
    {
        var records = OndeCsv.Tokenize("\"a;b\";\"c \"\"d\"\"\";\"e\nf\"\r\nx;;y\rz", ';', out var unclosed);

        Assert.Equal(0, unclosed);
        Assert.Equal(3, records.Count);
        Assert.Equal(["a;b", "c \"d\"", "e\nf"], records[0].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["x", "", "y"], records[1].Fields);
        Assert.Equal(3, records[2].Line);
    }

    [Fact]
    public void GuardianWithoutFirstNameButWithCivility_IsAnErrorNotAHostOrganisation()
    {
        var guardians = Guardian13Header + "\n" + "MME;;MARTIN;;;;;;;;;;;;MARTIN;Léa;CE1-CE2 Mme Roux\n";

        var result = Parse(PupilHeader + "\n" + PupilRows, guardians);

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(0, result.HostOrganisationRowsSkipped);
    }

    [Fact]
    public void RandomlyDamagedFiles_NeverThrow()
    {
        var random = new Random(20260);
        var pupils = Encoding.UTF8.GetBytes(PupilHeader + "\n" + PupilRows);
        var guardians = Encoding.Latin1.GetBytes(Guardian13Header + "\n" + Guardian13Rows);
        byte[] pool = [(byte)';', (byte)'"', (byte)'\r', (byte)'\n', (byte)',', 0xC3, 0xE9, (byte)'a', (byte)' '];
        for (var i = 0; i < 300; i++)
        {
            var p = (byte[])pupils.Clone();
            var g = (byte[])guardians.Clone();
            for (var k = 0; k < 6; k++)
            {
                p[random.Next(p.Length)] = pool[random.Next(pool.Length)];
                g[random.Next(g.Length)] = pool[random.Next(pool.Length)];
            }
            var cut = random.Next(p.Length);

            var result = OndeParser.Parse(Bytes(p[..cut]), Bytes(g));

            Assert.All(result.Errors, e => Assert.True(e.Line >= 1));
        }
    }
}
