using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.Skills;

public sealed class SkillsTests(TestApp app)
{
    private const string Acquired = "2";
    private const string InProgress = "1";

    private static async Task<UserSession> SignInAsync(TestApp app, TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    /// <summary>Item ids by code; the grid page is opened first so that the shipped referentials are loaded.</summary>
    private static async Task<Dictionary<string, Guid>> ItemsAsync(TestApp app, UserSession teacher, Guid classId, string referential)
    {
        var (status, _) = await teacher.GetPageAsync($"/classe/{classId}/competences?r={referential}");
        Assert.Equal(HttpStatusCode.OK, status);
        return await app.WithDbAsync(db => db.SkillsItems.Where(i => i.ReferentialCode == referential && !i.Retired).ToDictionaryAsync(i => i.Code, i => i.Id));
    }

    private static async Task SaveGridAsync(UserSession teacher, Guid classId, string referential, params (Guid Pupil, Guid Item, string State)[] cells)
    {
        var response = await teacher.SubmitAsync($"/classe/{classId}/competences?r={referential}",
            [.. cells.Select(c => new KeyValuePair<string, string>($"cell.{c.Pupil}.{c.Item}", c.State))], "form.skills-grid-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A referential of 5 domains × 2 items with the B2i rule (80 % overall, 50 % per domain): 80 % is exactly 8 items.</summary>
    private static byte[] TenItemReferential(string code, bool withoutLastItem = false)
    {
        var domains = Enumerable.Range(1, 5).Select(d =>
        {
            var items = Enumerable.Range(1, 2).Where(i => !(withoutLastItem && d == 5 && i == 2))
                .Select(i => $$"""{ "code": "{{code}}-{{d}}.{{i}}", "intitule": "Item {{d}}.{{i}} {{code}}" }""");
            return $$"""{ "code": "D{{d}}", "intitule": "Domaine {{d}}", "items": [{{string.Join(",", items)}}] }""";
        });
        return Encoding.UTF8.GetBytes($$"""
            { "code": "{{code}}", "nom": "Test {{code}}", "ordre": 900,
              "attestation": { "pourcentageTotal": 80, "pourcentageParDomaine": 50 },
              "domaines": [{{string.Join(",", domains)}}] }
            """);
    }

    private static async Task<string> AttestationOnSheetAsync(UserSession who, Guid pupilId, string referential)
    {
        var (status, doc) = await who.GetPageAsync($"/eleve/{pupilId}/competences");
        Assert.Equal(HttpStatusCode.OK, status);
        var section = doc.QuerySelector($"section[aria-labelledby='ref-{referential}']");
        Assert.NotNull(section);
        return section.QuerySelector("[data-attestation]")!.GetAttribute("data-attestation")!;
    }

    [DbFact]
    public async Task Attestation_IsGivenAtExactly80PercentWithHalfOfEachDomain_AndRefusedWhenOneDomainIsUnderHalf()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var adminSession = await SignInAsync(app, admin);
        var code = "test-att-" + school.Tag;
        var imported = await adminSession.UploadAsync("/admin/competences", "form[enctype]", [("file", "ref.json", TenItemReferential(code))]);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);

        using var teacher = await SignInAsync(app, school.TeacherA);
        var items = await ItemsAsync(app, teacher, school.ClassA.Id, code);
        Assert.Equal(10, items.Count);
        var pupil = school.PupilA.Id;

        // 8 / 10 = exactly 80 %, but domain 5 has 0 / 2: not attested.
        await SaveGridAsync(teacher, school.ClassA.Id, code,
            [.. Enumerable.Range(1, 4).SelectMany(d => new[] { 1, 2 }.Select(i => (pupil, items[$"{code}-{d}.{i}"], Acquired)))]);
        Assert.Equal("non", await AttestationOnSheetAsync(teacher, pupil, code));
        var (_, grid) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/competences?r={code}");
        Assert.Contains("Non attesté", grid.QuerySelector("td.attestation")!.TextContent);
        Assert.Contains("8 / 10", grid.QuerySelector("td.attestation")!.TextContent);

        // Still 8 / 10 (exactly 80 %), domains 4 and 5 at exactly 50 %: attested.
        await SaveGridAsync(teacher, school.ClassA.Id, code, (pupil, items[$"{code}-4.2"], InProgress), (pupil, items[$"{code}-5.1"], Acquired));
        Assert.Equal("oui", await AttestationOnSheetAsync(teacher, pupil, code));
        (_, grid) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/competences?r={code}");
        Assert.Contains("Attesté", grid.QuerySelector("td.attestation.attested")!.TextContent);

        // 7 / 10 with every domain at 50 % or more: under 80 %, not attested.
        await SaveGridAsync(teacher, school.ClassA.Id, code, (pupil, items[$"{code}-1.2"], InProgress));
        Assert.Equal("non", await AttestationOnSheetAsync(teacher, pupil, code));

        // The shipped B2i école has its 8 items and the rule; the CRCN has its 16 competences at levels 1 and 2.
        var b2i = await ItemsAsync(app, teacher, school.ClassA.Id, "b2i-ecole");
        Assert.Equal(8, b2i.Count);
        Assert.Equal(32, (await ItemsAsync(app, teacher, school.ClassA.Id, "crcn")).Count);
        var (_, sheet) = await teacher.GetPageAsync($"/eleve/{pupil}/competences");
        Assert.Contains("Attestation non obtenue", sheet.QuerySelector("section[aria-labelledby='ref-b2i-ecole']")!.TextContent);
        Assert.Null(sheet.QuerySelector("section[aria-labelledby='ref-crcn'] [data-attestation]"));
    }

    [DbFact]
    public async Task ReferentialImport_RefusesBadFilesInFrench_AndRetiredItemsStayInThePupilsHistory()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var adminSession = await SignInAsync(app, admin);

        var broken = await adminSession.UploadAsync("/admin/competences", "form[enctype]", [("file", "x.json", "{ \"code\": "u8.ToArray())]);
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Contains("Le fichier n'est pas un JSON valide", await UserSession.TextAsync(broken));
        var duplicate = Encoding.UTF8.GetBytes("""
            { "code": "dup", "nom": "Doublons", "domaines": [ { "code": "D1", "intitule": "Un",
              "items": [ { "code": "X1", "intitule": "a" }, { "code": "X1", "intitule": "b" }, { "intitule": "c" } ] } ] }
            """);
        var refused = await UserSession.TextAsync(await adminSession.UploadAsync("/admin/competences", "form[enctype]", [("file", "d.json", duplicate)]));
        Assert.Contains("Le code d'item « X1 » apparaît deux fois", refused);
        Assert.Contains("Il manque « code » dans l'item n° 3 du domaine n° 1", refused);
        Assert.False(await app.WithDbAsync(db => db.SkillsReferentials.AnyAsync(r => r.Code == "dup")));

        var code = "test-ret-" + school.Tag;
        await adminSession.UploadAsync("/admin/competences", "form[enctype]", [("file", "r.json", TenItemReferential(code))]);
        using var teacher = await SignInAsync(app, school.TeacherA);
        var items = await ItemsAsync(app, teacher, school.ClassA.Id, code);
        await SaveGridAsync(teacher, school.ClassA.Id, code, (school.PupilA.Id, items[$"{code}-5.2"], Acquired));

        // Version 2 drops item 5.2: retired, still listed for the administrator and in the pupil's history.
        var v2 = await adminSession.UploadAsync("/admin/competences", "form[enctype]", [("file", "r.json", TenItemReferential(code, withoutLastItem: true))]);
        Assert.Equal(HttpStatusCode.Redirect, v2.StatusCode);
        var (_, adminPage) = await adminSession.GetPageAsync("/admin/competences");
        Assert.Contains("version 2", adminPage.QuerySelector($"section[aria-labelledby='ref-{code}']")!.TextContent);
        Assert.Contains("1 retiré(s)", UserSession.Text(adminPage));
        Assert.Contains("retiré en version 2", adminPage.QuerySelector($"section[aria-labelledby='ref-{code}'] li.retired")!.TextContent);
        var (_, grid) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/competences?r={code}&d=D5");
        Assert.DoesNotContain($"Item 5.2 {code}", UserSession.Text(grid));
        var (_, sheet) = await teacher.GetPageAsync($"/eleve/{school.PupilA.Id}/competences");
        Assert.Contains($"Item 5.2 {code} (item retiré du référentiel)", sheet.QuerySelector(".skills-history")!.TextContent);
    }

    [DbFact]
    public async Task Validation_KeepsTheTeachersNameAsItWas_WhenTheTeacherIsRenamedAfterwards()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var items = await ItemsAsync(app, teacher, school.ClassA.Id, "b2i-ecole");
        await SaveGridAsync(teacher, school.ClassA.Id, "b2i-ecole", (school.PupilA.Id, items["B2IE-3"], InProgress));
        await SaveGridAsync(teacher, school.ClassA.Id, "b2i-ecole", (school.PupilA.Id, items["B2IE-3"], Acquired));
        var original = $"Test{school.Tag} EnseignantA";

        await app.WithDbAsync(async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == school.TeacherA.Id);
            person.LastName = "Renommée";
            await db.SaveChangesAsync();
        });

        var (_, sheet) = await teacher.GetPageAsync($"/eleve/{school.PupilA.Id}/competences");
        var row = sheet.QuerySelectorAll("table.skills-items tr").Single(r => r.TextContent.Contains("B2IE-3"));
        Assert.Contains("Acquis", row.TextContent);
        Assert.Contains(original, row.TextContent);
        var history = sheet.QuerySelectorAll(".skills-history tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains(history, h => h.Contains("En cours → Acquis") && h.Contains(original) && h.Contains(school.ClassA.Name));
        Assert.Contains(history, h => h.Contains("Non évalué → En cours") && h.Contains(original));
        Assert.DoesNotContain("Renommée", UserSession.Text(sheet));
    }

    [DbFact]
    public async Task Sheet_FollowsThePupil_ToAClassOfAnotherSchool()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var items = await ItemsAsync(app, teacher, school.ClassA.Id, "b2i-ecole");
        await SaveGridAsync(teacher, school.ClassA.Id, "b2i-ecole", (school.PupilA.Id, items["B2IE-5"], Acquired));

        // The pupil leaves class A (membership ended) and joins class B of another school.
        var yesterday = Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System).AddDays(-1);
        await app.WithDbAsync(async db =>
        {
            var m = await db.Memberships.SingleAsync(x => x.PersonId == school.PupilA.Id && x.ScopeId == school.ClassA.Id);
            m.EndsOn = yesterday;
            db.Memberships.Add(new Membership { PersonId = school.PupilA.Id, Role = Role.Pupil, ScopeType = ScopeType.Class, ScopeId = other.ClassB.Id, SchoolYearId = app.CurrentYearId });
            await db.SaveChangesAsync();
        });

        var (_, oldGrid) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/competences");
        Assert.DoesNotContain("EleveA", UserSession.Text(oldGrid));

        using var newTeacher = await SignInAsync(app, other.TeacherB);
        var (_, grid) = await newTeacher.GetPageAsync($"/classe/{other.ClassB.Id}/competences?r=b2i-ecole&d=D4");
        var select = grid.QuerySelector($"select[name='cell.{school.PupilA.Id}.{items["B2IE-5"]}']");
        Assert.NotNull(select);
        Assert.Equal(Acquired, select.QuerySelector("option[selected]")!.GetAttribute("value"));
        var (status, sheet) = await newTeacher.GetPageAsync($"/eleve/{school.PupilA.Id}/competences");
        Assert.Equal(HttpStatusCode.OK, status);
        var history = sheet.QuerySelector(".skills-history tbody tr")!.TextContent;
        Assert.Contains($"Test{school.Tag} EnseignantA", history);
        Assert.Contains(school.ClassA.Name, history);
    }

    [DbFact]
    public async Task Sheet_FollowsThePupil_AcrossTheSchoolRollover_ToNextYearsClassAndTeacher()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var items = await ItemsAsync(app, teacher, school.ClassA.Id, "b2i-ecole");
        await SaveGridAsync(teacher, school.ClassA.Id, "b2i-ecole", (school.PupilA.Id, items["B2IE-5"], Acquired), (school.PupilA.Id, items["B2IE-6"], InProgress));

        // The real passage to next year: class A (CP) becomes next year's CE1 with pupil A in it, and the director
        // gives it to a new teacher.
        var label = Rollover.RolloverTests.FarYear();
        var result = await Rollover.RolloverTests.RollAsync(app, school.School.Id, label);
        Assert.True(result.Applied);
        var nextTeacher = await app.NewAdultAsync();
        var nextClassId = await app.WithDbAsync(async db =>
        {
            var year = await db.SchoolYears.SingleAsync(y => y.Label == label);
            var next = await db.Classes.SingleAsync(c => c.SchoolId == school.School.Id && c.SchoolYearId == year.Id && c.Name == school.ClassA.Name);
            db.Memberships.Add(new Membership { PersonId = nextTeacher.Id, Role = Role.Teacher, ScopeType = ScopeType.Class, ScopeId = next.Id, SchoolYearId = year.Id });
            await db.SaveChangesAsync();
            return next.Id;
        });
        Assert.NotEqual(school.ClassA.Id, nextClassId);

        using var newTeacher = await SignInAsync(app, nextTeacher);
        var (gridStatus, grid) = await newTeacher.GetPageAsync($"/classe/{nextClassId}/competences?r=b2i-ecole&d=D4");
        Assert.Equal(HttpStatusCode.OK, gridStatus);
        var select = grid.QuerySelector($"select[name='cell.{school.PupilA.Id}.{items["B2IE-5"]}']");
        Assert.NotNull(select);
        Assert.Equal(Acquired, select.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Equal(InProgress, grid.QuerySelector($"select[name='cell.{school.PupilA.Id}.{items["B2IE-6"]}'] option[selected]")!.GetAttribute("value"));
        var (status, sheet) = await newTeacher.GetPageAsync($"/eleve/{school.PupilA.Id}/competences");
        Assert.Equal(HttpStatusCode.OK, status);
        // Last year's validator is still named on the sheet, frozen at validation.
        Assert.Contains($"Test{school.Tag} EnseignantA", sheet.QuerySelector(".skills-history")!.TextContent);

        // The new teacher then validates one more item: the sheet carries both years.
        await SaveGridAsync(newTeacher, nextClassId, "b2i-ecole", (school.PupilA.Id, items["B2IE-6"], Acquired));
        var acquired = await app.WithDbAsync(db => db.SkillsValidations.CountAsync(v => v.PupilId == school.PupilA.Id && v.State == Preau.Web.Modules.Skills.Data.SkillState.Acquired));
        Assert.Equal(2, acquired);
    }

    [DbFact]
    public async Task Families_SeeOnlyTheirOwnChildsSheet_PupilsTheirOwn_ReadOnly()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var items = await ItemsAsync(app, teacher, school.ClassA.Id, "b2i-ecole");
        await SaveGridAsync(teacher, school.ClassA.Id, "b2i-ecole", (school.PupilA.Id, items["B2IE-6"], Acquired));

        using var parent = await SignInAsync(app, school.GuardianA);
        var (_, home) = await parent.GetPageAsync("/");
        var link = home.QuerySelector("a.service[data-service=competences]");
        Assert.NotNull(link);
        Assert.Equal($"/eleve/{school.PupilA.Id}/competences", link.GetAttribute("href"));
        var (status, sheet) = await parent.GetPageAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Chercher des informations par voie électronique.", sheet.QuerySelectorAll("table.skills-items tr").Single(r => r.TextContent.Contains("B2IE-6")).TextContent);
        Assert.Empty(sheet.QuerySelectorAll("main select, main form[method=post]"));
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/eleve/{school.PupilB.Id}/competences")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/eleve/{school.PupilB.Id}/competences?handler=pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/classe/{school.ClassB.Id}/competences")).StatusCode);
        var viaClass = await parent.GetAsync($"/classe/{school.ClassA.Id}/competences");
        Assert.Equal(HttpStatusCode.Redirect, viaClass.StatusCode);
        Assert.Equal($"/eleve/{school.PupilA.Id}/competences", viaClass.Headers.Location!.OriginalString);

        using var pupil = await SignInAsync(app, school.PupilA);
        var (mineStatus, mine) = await pupil.GetPageAsync("/moi/competences");
        Assert.Equal(HttpStatusCode.OK, mineStatus);
        Assert.Contains("Je sais faire", mine.QuerySelectorAll(".skills-mine-items li").Single(l => l.TextContent.Contains("Chercher des informations")).TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await pupil.GetAsync($"/eleve/{school.PupilB.Id}/competences")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pupil.GetAsync($"/classe/{school.ClassB.Id}/competences")).StatusCode);
        var own = await pupil.GetAsync($"/eleve/{school.PupilA.Id}/competences?handler=pdf");
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
    }

    [DbFact]
    public async Task TeacherOfAnotherClass_CannotSeeNorEditTheGrid_Gets404()
    {
        var school = await app.NewSchoolAsync();
        using var teacherA = await SignInAsync(app, school.TeacherA);
        var items = await ItemsAsync(app, teacherA, school.ClassA.Id, "b2i-ecole");
        using var teacherB = await SignInAsync(app, school.TeacherB);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/classe/{school.ClassA.Id}/competences")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/classe/{school.ClassA.Id}/competences?handler=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/eleve/{school.PupilA.Id}/competences")).StatusCode);

        // A forged post from teacher B (with a valid antiforgery token from their own grid) changes nothing.
        var (_, own) = await teacherB.GetPageAsync($"/classe/{school.ClassB.Id}/competences");
        var token = own.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await teacherB.Client.PostAsync($"/classe/{school.ClassA.Id}/competences?r=b2i-ecole", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new($"cell.{school.PupilA.Id}.{items["B2IE-1"]}", Acquired)]));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SkillsValidations.AnyAsync(v => v.PupilId == school.PupilA.Id)));

        // A cell for a pupil of another class, slipped into teacher A's own grid, is ignored.
        await SaveGridAsync(teacherA, school.ClassA.Id, "b2i-ecole", (school.PupilB.Id, items["B2IE-1"], Acquired));
        Assert.False(await app.WithDbAsync(db => db.SkillsValidations.AnyAsync(v => v.PupilId == school.PupilB.Id)));

        // The director may edit the grid.
        using var director = await SignInAsync(app, school.Director);
        await SaveGridAsync(director, school.ClassA.Id, "b2i-ecole", (school.PupilA.Id, items["B2IE-1"], Acquired));
        Assert.True(await app.WithDbAsync(db => db.SkillsValidations.AnyAsync(v => v.PupilId == school.PupilA.Id && v.TeacherId == school.Director.Id)));
    }

    [DbFact]
    public async Task ClassGrid_ExportsCsvForFrenchExcel_AndSheetExportsPdf()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var items = await ItemsAsync(app, teacher, school.ClassA.Id, "b2i-ecole");
        await SaveGridAsync(teacher, school.ClassA.Id, "b2i-ecole",
            (school.PupilA.Id, items["B2IE-1"], Acquired), (school.PupilA.Id, items["B2IE-2"], InProgress));

        var csv = await teacher.GetAsync($"/classe/{school.ClassA.Id}/competences?handler=csv&r=b2i-ecole");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var header = lines[0].Split(';');
        Assert.Equal("Élève", header[0]);
        Assert.Equal("B2IE-1 Connaître et maîtriser les fonctions de base d'un ordinateur et de ses périphériques.", header[1]);
        Assert.Equal("Attestation", header[^1]);
        Assert.Equal(10, header.Length);
        Assert.Equal([$"EleveA Test{school.Tag}", "Acquis", "En cours", "Non évalué", "Non évalué", "Non évalué", "Non évalué", "Non évalué", "Non évalué", "Non attesté (1/8)"], lines[1].Split(';'));

        var pdf = await teacher.GetAsync($"/eleve/{school.PupilA.Id}/competences?handler=pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ReadAsync(await pdf.Content.ReadAsByteArrayAsync());
        if (text is not null)
        {
            var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"Compétences numériques — Test{school.Tag} EleveA", flat);
            Assert.Contains("Attestation non obtenue : 1 items acquis sur 8", flat);
            Assert.Contains($"Acquis le {Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System):dd/MM/yyyy} par Test{school.Tag} EnseignantA", flat);
            Assert.Contains("Prendre conscience des enjeux citoyens", flat);
            Assert.Contains("CRCN", flat);
        }
    }

    [DbFact]
    public async Task ClassGrid_QueryCount_DoesNotGrowWithPupilsAndValidations()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var url = $"/classe/{school.ClassA.Id}/competences?r=b2i-ecole&d=D4";
        var items = await ItemsAsync(app, teacher, school.ClassA.Id, "b2i-ecole");
        var before = await teacher.QueryCountAsync(url);

        var people = new PeopleBatch(app, school.Tag);
        var pupils = Enumerable.Range(0, 6).Select(i => people.Pupil($"Eleve{i}")).ToList();
        foreach (var p in pupils)
        {
            people.Member(p, Role.Pupil, ScopeType.Class, school.ClassA.Id);
        }
        await app.WithDbAsync(people.SaveAsync);
        await SaveGridAsync(teacher, school.ClassA.Id, "b2i-ecole", [.. pupils.SelectMany(p => items.Values.Select(i => (p.Id, i, Acquired)))]);

        Assert.Equal(before, await teacher.QueryCountAsync(url));
        var (_, grid) = await teacher.GetPageAsync(url);
        Assert.Equal(6, grid.QuerySelectorAll("td.attestation.attested").Length);
    }
}
