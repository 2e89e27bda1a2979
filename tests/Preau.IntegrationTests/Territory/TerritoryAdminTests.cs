using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Territory;
using Preau.Web.Modules.Territory.Data;

namespace Preau.IntegrationTests.Territory;

public sealed class TerritoryAdminTests(TestApp app)
{
    private async Task<UserSession> AdminSessionAsync()
    {
        var admin = await app.NewAdminAsync();
        var session = app.NewSession();
        await session.LoginAsync(admin.Login, admin.Password, admin.AuthenticatorKey);
        return session;
    }

    private static string FreshUai()
    {
        var digits = System.Security.Cryptography.RandomNumberGenerator.GetInt32(8_000_000, 9_999_999)
            .ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        return Uai.Complete(digits);
    }

    private static string WrongLetter(string uai) => uai[..7] + (uai[7] == 'A' ? 'B' : 'A');

    [DbFact]
    public async Task Admin_CreatesDistrictCommuneGroupementAndSchool_SchoolAppearsInFilteredList()
    {
        using var session = await AdminSessionAsync();
        var tag = SchoolBuilder.NewTag();

        var created = await session.SubmitAsync("/admin/circonscriptions/nouvelle", ("Input.Name", $"Circo {tag}"), ("Input.Code", "T" + tag[..3]));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var districtId = await app.WithDbAsync(db => db.Districts.Where(d => d.Name == $"Circo {tag}").Select(d => d.Id).SingleAsync());
        Assert.Equal($"/admin/circonscriptions/{districtId}", created.Headers.Location?.OriginalString);
        var (_, districtPage) = await session.GetPageAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("enregistrée", UserSession.Text(districtPage));

        await session.SubmitAsync("/admin/collectivites/nouvelle", ("Input.Name", $"Commune {tag}"), ("Input.Kind", "Municipality"), ("Input.OfficialCode", "70999"));
        var communeId = await app.WithDbAsync(db => db.LocalAuthorities.Where(a => a.Name == $"Commune {tag}").Select(a => a.Id).SingleAsync());
        var group = await session.SubmitAsync("/admin/collectivites/nouvelle",
            ("Input.Name", $"SIVOS {tag}"), ("Input.Kind", "MunicipalGroup"), ("Input.MemberIds", communeId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, group.StatusCode);
        var groupId = await app.WithDbAsync(db => db.LocalAuthorities.Where(a => a.Name == $"SIVOS {tag}").Select(a => a.Id).SingleAsync());
        var members = await app.WithDbAsync(db => db.LocalAuthorityMembers.Where(m => m.GroupId == groupId).Select(m => m.MunicipalityId).ToListAsync());
        Assert.Equal([communeId], members);
        var (_, groupPage) = await session.GetPageAsync($"/admin/collectivites/{groupId}");
        Assert.NotNull(groupPage.QuerySelector($"input[name='Input.MemberIds'][value='{communeId}'][checked]"));
        // The communes to pick from (hundreds in a département) are unfolded for a groupement only.
        Assert.NotNull(groupPage.QuerySelector("details.members[open]"));
        Assert.Contains("(1)", groupPage.QuerySelector("details.members summary")!.TextContent);
        var (_, communePage) = await session.GetPageAsync($"/admin/collectivites/{communeId}");
        Assert.NotNull(communePage.QuerySelector("details.members:not([open])"));

        var uai = FreshUai();
        var school = await session.SubmitAsync("/admin/ecoles/nouvelle",
            ("Input.Uai", uai.ToLowerInvariant()), ("Input.Name", $"École des Tilleuls {tag}"), ("Input.Type", "Elementaire"),
            ("Input.DistrictId", districtId.ToString()), ("Input.LocalAuthorityId", communeId.ToString()),
            ("Input.Address", "1 rue des Écoles"), ("Input.PostalCode", "70000"), ("Input.City", $"Ville{tag}"));
        Assert.Equal(HttpStatusCode.Redirect, school.StatusCode);
        var saved = await app.WithDbAsync(db => db.Schools.SingleAsync(s => s.Uai == uai));
        Assert.Equal(SchoolType.Elementaire, saved.Type);

        var (status, list) = await session.GetPageAsync($"/admin/ecoles?q=ville{tag}&circonscription={districtId}");
        Assert.Equal(HttpStatusCode.OK, status);
        var text = UserSession.Text(list);
        Assert.Contains($"École des Tilleuls {tag}", text);
        Assert.Contains($"Circo {tag}", text);
        Assert.Contains($"Commune {tag}", text);
        var selected = list.QuerySelectorAll("#circonscription option[selected]");
        Assert.Equal(districtId.ToString(), Assert.Single(selected).GetAttribute("value"));
        Assert.Equal($"ville{tag}", list.QuerySelector("#q")?.GetAttribute("value"));
        // The groupement's filter shows the schools of its communes.
        var (_, byGroup) = await session.GetPageAsync($"/admin/ecoles?collectivite={groupId}");
        Assert.Contains(uai, UserSession.Text(byGroup));
        var (_, other) = await session.GetPageAsync($"/admin/ecoles?q={uai}&circonscription={Guid.NewGuid()}");
        Assert.DoesNotContain(uai, UserSession.Text(other));
        // An accented capital folds like any letter, on SQLite as on PostgreSQL: « école » finds « École des Tilleuls »;
        // typed without its accent, as on a phone, too (ADR 0027).
        foreach (var typed in new[] { $"école des tilleuls {tag}", $"ÉCOLE DES TILLEULS {tag}", $"ecole des tilleuls {tag}" })
        {
            var (_, accented) = await session.GetPageAsync($"/admin/ecoles?q={Uri.EscapeDataString(typed)}");
            Assert.Contains(uai, UserSession.Text(accented));
        }
    }

    [DbFact]
    public async Task SchoolForm_WithWrongCheckLetter_ShowsFrenchMessageAndKeepsTypedValues()
    {
        var existing = await app.NewSchoolAsync();
        using var session = await AdminSessionAsync();
        var uai = FreshUai();
        var wrong = WrongLetter(uai);

        var response = await session.SubmitAsync("/admin/ecoles/nouvelle",
            ("Input.Uai", wrong), ("Input.Name", "École Jules Ferry"), ("Input.Type", "Maternelle"),
            ("Input.DistrictId", existing.District.Id.ToString()), ("Input.LocalAuthorityId", existing.Commune.Id.ToString()),
            ("Input.City", "Gray"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var text = UserSession.Text(doc);
        Assert.Contains($"Le code UAI {wrong} n'est pas valide : 7 chiffres suivis de la lettre de contrôle (ici « {uai[7]} »)", text);
        Assert.NotNull(doc.QuerySelector(".error-summary"));
        Assert.Equal(wrong, doc.QuerySelector("#Input_Uai")?.GetAttribute("value"));
        Assert.Equal("École Jules Ferry", doc.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Equal("Gray", doc.QuerySelector("#Input_City")?.GetAttribute("value"));
        Assert.NotNull(doc.QuerySelector($"#Input_DistrictId option[value='{existing.District.Id}'][selected]"));
        Assert.NotNull(doc.QuerySelector("#Input_Type option[value='Maternelle'][selected]"));
        Assert.False(await app.WithDbAsync(db => db.Schools.AnyAsync(s => s.Uai == wrong || s.Uai == uai)));
    }

    [DbFact]
    public async Task SchoolForm_WithMalformedUai_ExplainsTheShape()
    {
        var existing = await app.NewSchoolAsync();
        using var session = await AdminSessionAsync();

        var response = await session.SubmitAsync("/admin/ecoles/nouvelle",
            ("Input.Uai", "70A"), ("Input.Name", "École"), ("Input.Type", "Primaire"),
            ("Input.DistrictId", existing.District.Id.ToString()), ("Input.LocalAuthorityId", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await UserSession.TextAsync(response);
        Assert.Contains("Le code UAI 70A n'est pas valide : 7 chiffres suivis de la lettre de contrôle.", text);
        Assert.Contains("Choisissez la collectivité de l'école.", text);
    }

    [DbFact]
    public async Task Level2Support_SeesAdministrationHomeButNotStructures()
    {
        var support = await app.NewAdminAsync(Preau.Web.Modules.People.Data.Role.Level2Support);
        using var session = app.NewSession();
        await session.LoginAsync(support.Login, support.Password, support.AuthenticatorKey);

        var (status, home) = await session.GetPageAsync("/admin");
        using var schools = await session.GetAsync("/admin/ecoles");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(home.QuerySelector("a[href='/admin/connexions']"));
        Assert.Null(home.QuerySelector("a[href='/admin/ecoles']"));
        Assert.NotEqual(HttpStatusCode.OK, schools.StatusCode);
    }

    [DbFact]
    public async Task SchoolForm_WithDuplicateUai_ShowsMessage()
    {
        var existing = await app.NewSchoolAsync();
        using var session = await AdminSessionAsync();

        var response = await session.SubmitAsync("/admin/ecoles/nouvelle",
            ("Input.Uai", existing.School.Uai), ("Input.Name", "Doublon"), ("Input.Type", "Primaire"),
            ("Input.DistrictId", existing.District.Id.ToString()), ("Input.LocalAuthorityId", existing.Commune.Id.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Le code UAI {existing.School.Uai} est déjà celui de l'école « {existing.School.Name} »", await UserSession.TextAsync(response));
    }

    [DbFact]
    public async Task Archive_HidesFromDefaultLists()
    {
        var existing = await app.NewSchoolAsync();
        using var session = await AdminSessionAsync();

        var (_, editPage) = await session.GetPageAsync($"/admin/ecoles/{existing.School.Id}");
        Assert.Equal($"/admin/ecoles/{existing.School.Id}?handler=Archive", editPage.QuerySelector("#archive-form")?.GetAttribute("action"));
        var school = await session.SubmitAsync($"/admin/ecoles/{existing.School.Id}", [], "#archive-form");
        var district = await session.SubmitAsync($"/admin/circonscriptions/{existing.District.Id}", [], "#archive-form");

        Assert.Equal(HttpStatusCode.Redirect, school.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, district.StatusCode);
        var (_, archived) = await session.GetPageAsync(district.Headers.Location!.OriginalString);
        Assert.Contains("Cette circonscription est archivée.", UserSession.Text(archived));
        Assert.True(await app.WithDbAsync(db => db.Schools.Where(s => s.Id == existing.School.Id).Select(s => s.IsArchived).SingleAsync()));
        var (_, schools) = await session.GetPageAsync($"/admin/ecoles?q={existing.School.Uai}");
        Assert.DoesNotContain(existing.School.Name, UserSession.Text(schools));
        var (_, withArchived) = await session.GetPageAsync($"/admin/ecoles?q={existing.School.Uai}&archivees=true");
        Assert.Contains(existing.School.Name, UserSession.Text(withArchived));
        var (_, districts) = await session.GetPageAsync($"/admin/circonscriptions?q={existing.Tag}");
        Assert.DoesNotContain(existing.District.Name, UserSession.Text(districts));
        var (_, districtsAll) = await session.GetPageAsync($"/admin/circonscriptions?q={existing.Tag}&archivees=true");
        Assert.Contains(existing.District.Name, UserSession.Text(districtsAll));
    }

    [DbFact]
    public async Task SchoolYear_WithLabelSpanningTwoYears_IsRejected()
    {
        using var session = await AdminSessionAsync();

        var response = await session.SubmitAsync("/admin/annees",
            [new("Input.Label", "2026-2028"), new("Input.StartsOn", "2026-09-01"), new("Input.EndsOn", "2028-07-04")], "#year-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await UserSession.TextAsync(response);
        Assert.Contains("Une année scolaire va d'une année à la suivante : 2026-2027, pas 2026-2028.", text);
        Assert.False(await app.WithDbAsync(db => db.SchoolYears.AnyAsync(y => y.Label == "2026-2028")));
    }

    [DbFact]
    public async Task Group_IsCreatedWithOwnerAndListedWithMemberCount()
    {
        var existing = await app.NewSchoolAsync();
        using var session = await AdminSessionAsync();

        var response = await session.SubmitAsync("/admin/groupes/nouveau",
            ("Input.Name", $"Chorale {existing.Tag}"), ("Input.Description", "Projet inter-écoles"), ("Input.OwnerLogin", existing.TeacherA.Login),
            ("Input.StartsOn", "2026-09-01"), ("Input.EndsOn", "2027-06-30"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, list) = await session.GetPageAsync(response.Headers.Location!.OriginalString);
        var text = UserSession.Text(list);
        Assert.Contains($"Chorale {existing.Tag}", text);
        Assert.Contains($"Test{existing.Tag} EnseignantA", text, StringComparison.OrdinalIgnoreCase);
        var groupId = await app.WithDbAsync(db => db.Groups.Where(g => g.Name == $"Chorale {existing.Tag}").Select(g => g.Id).SingleAsync());
        Assert.NotNull(list.QuerySelector($"a[href='/groupe/{groupId}/annuaire']"));
    }

    [DbFact]
    public async Task Group_WithUnknownOwner_ShowsMessage()
    {
        using var session = await AdminSessionAsync();

        var response = await session.SubmitAsync("/admin/groupes/nouveau", ("Input.Name", "Club"), ("Input.OwnerLogin", "personne.inconnue"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Aucun compte adulte n'a l'identifiant personne.inconnue", await UserSession.TextAsync(response));
    }

    [DbTheory]
    [InlineData("/admin", "Administration du département")]
    [InlineData("/admin/circonscriptions", "Circonscriptions")]
    [InlineData("/admin/circonscriptions/nouvelle", "Nouvelle circonscription")]
    [InlineData("/admin/collectivites", "Collectivités")]
    [InlineData("/admin/collectivites/nouvelle", "Nouvelle collectivité")]
    [InlineData("/admin/ecoles", "Écoles")]
    [InlineData("/admin/ecoles/nouvelle", "Nouvelle école")]
    [InlineData("/admin/annees", "Années scolaires")]
    [InlineData("/admin/groupes", "Groupes")]
    [InlineData("/admin/groupes/nouveau", "Nouveau groupe")]
    public async Task AdminPages_AnswerWithTheirHeading(string url, string heading)
    {
        await app.NewSchoolAsync();
        using var session = await AdminSessionAsync();

        var (status, doc) = await session.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, status);
        var h1 = Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal(heading, h1.TextContent.Trim());
        Assert.NotNull(doc.QuerySelector(".breadcrumbs"));
        // Every form control has a label.
        foreach (var control in doc.QuerySelectorAll("main input:not([type=hidden]), main select, main textarea"))
        {
            Assert.NotNull(doc.QuerySelector($"label[for='{control.Id}']"));
        }
    }
}
