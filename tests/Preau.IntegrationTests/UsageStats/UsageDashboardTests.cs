using System.Net;
using System.Text;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.UsageStats.Data;
using UglyToad.PdfPig;

namespace Preau.IntegrationTests.UsageStats;

public sealed class UsageDashboardTests(TestApp app)
{
    private async Task<(TestSchool Mine, TestSchool Other, List<UsageEvent> Events)> TwoSchoolsWithUsageAsync()
    {
        var mine = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var to = UsageStatsData.Yesterday;
        var from = to.AddDays(-6);
        var events = await UsageStatsData.SeedAsync(app, UsageStatsData.People(mine, extraFamilies: 10), from, to, seed: 11);
        await UsageStatsData.SeedAsync(app, UsageStatsData.People(other, extraFamilies: 5), from, to, seed: 12);
        await UsageStatsData.RollupAsync(app, from, to);
        return (mine, other, events);
    }

    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    private static async Task<HttpStatusCode> StatusAsync(UserSession s, string url) => (await s.GetAsync(url)).StatusCode;

    [DbFact]
    public async Task Advisor_sees_only_their_circonscription_and_its_schools()
    {
        var (mine, other, _) = await TwoSchoolsWithUsageAsync();
        using var advisor = await SignInAsync(mine.Advisor);
        var start = await advisor.GetAsync("/statistiques");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal($"/statistiques/circonscription/{mine.District.Id}", start.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(advisor, $"/statistiques/circonscription/{mine.District.Id}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(advisor, $"/statistiques/ecole/{mine.School.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(advisor, $"/statistiques/circonscription/{other.District.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(advisor, $"/statistiques/ecole/{other.School.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(advisor, $"/statistiques/collectivite/{mine.Commune.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(advisor, "/statistiques/territoire"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(advisor, $"/statistiques/circonscription/{other.District.Id}?handler=csv&table=services"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(advisor, $"/statistiques/circonscription/{other.District.Id}?handler=rapport"));
    }

    [DbFact]
    public async Task Agent_sees_only_their_collectivite_and_its_schools()
    {
        var (mine, other, _) = await TwoSchoolsWithUsageAsync();
        using var agent = await SignInAsync(mine.Agent);
        Assert.Equal($"/statistiques/collectivite/{mine.Commune.Id}", (await agent.GetAsync("/statistiques")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(agent, $"/statistiques/collectivite/{mine.Commune.Id}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(agent, $"/statistiques/ecole/{mine.School.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(agent, $"/statistiques/collectivite/{other.Commune.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(agent, $"/statistiques/ecole/{other.School.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(agent, $"/statistiques/circonscription/{mine.District.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(agent, "/statistiques/territoire"));
    }

    [DbFact]
    public async Task Director_sees_only_their_school_with_its_classes()
    {
        var (mine, other, events) = await TwoSchoolsWithUsageAsync();
        using var director = await SignInAsync(mine.Director);
        Assert.Equal($"/statistiques/ecole/{mine.School.Id}", (await director.GetAsync("/statistiques")).Headers.Location!.OriginalString);
        var (status, page) = await director.GetPageAsync($"/statistiques/ecole/{mine.School.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        // The per-class table has both classes, with their events over the default period (the last 30 days).
        var classRows = page.QuerySelectorAll("#t-lieux tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(classRows, r => r.Contains(mine.ClassA.Name, StringComparison.Ordinal)
            && r.Contains(events.Count(e => e.ClassId == mine.ClassA.Id).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(director, $"/statistiques/ecole/{other.School.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(director, $"/statistiques/circonscription/{mine.District.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(director, $"/statistiques/collectivite/{mine.Commune.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(director, "/statistiques/territoire"));
    }

    [DbFact]
    public async Task Teachers_parents_and_pupils_are_refused()
    {
        var s = await app.NewSchoolAsync();
        foreach (var who in new[] { s.TeacherA, s.GuardianA, s.PupilA })
        {
            using var session = await SignInAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(session, "/statistiques"));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(session, $"/statistiques/ecole/{s.School.Id}"));
        }
    }

    [DbFact]
    public async Task Administrator_sees_the_territory_and_any_school()
    {
        var (mine, other, _) = await TwoSchoolsWithUsageAsync();
        var admin = await app.NewAdminAsync();
        using var session = await SignInAsync(admin);
        Assert.Equal("/statistiques/territoire", (await session.GetAsync("/statistiques")).Headers.Location!.OriginalString);
        var (status, territory) = await session.GetPageAsync("/statistiques/territoire");
        Assert.Equal(HttpStatusCode.OK, status);
        // The other scopes, one list per level (hundreds of collectivités in a département).
        var levels = territory.QuerySelectorAll("#other-scopes h2").Select(h => h.TextContent.Split(" (")[0]).ToArray();
        Assert.Equal(["Territoire", "Circonscriptions", "Collectivités"], levels);
        var districts = territory.QuerySelector("#other-scopes ul[aria-labelledby='scopes-District']")!;
        Assert.Contains(districts.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith($"/statistiques/circonscription/{mine.District.Id}?", StringComparison.Ordinal));
        Assert.DoesNotContain(districts.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("/collectivite/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(session, $"/statistiques/ecole/{other.School.Id}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(session, $"/statistiques/circonscription/{mine.District.Id}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(session, $"/statistiques/collectivite/{mine.Commune.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(session, $"/statistiques/ecole/{Guid.NewGuid()}"));
    }

    [DbFact]
    public async Task Csv_of_each_table_carries_the_rolled_up_figures()
    {
        var (mine, _, events) = await TwoSchoolsWithUsageAsync();
        using var director = await SignInAsync(mine.Director);
        var url = $"/statistiques/ecole/{mine.School.Id}?du={UsageStatsData.Yesterday.AddDays(-6):yyyy-MM-dd}&au={UsageStatsData.Yesterday:yyyy-MM-dd}&handler=csv&table=";

        var services = await director.GetAsync(url + "services");
        Assert.Equal(HttpStatusCode.OK, services.StatusCode);
        Assert.Equal("text/csv", services.Content.Headers.ContentType!.MediaType);
        var bytes = await services.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Service;Total;Pages consultées;Actions", lines[0]);
        var liaison = events.Where(e => e.Service == "liaison").ToList();
        Assert.Contains($"Cahier de liaison;{liaison.Count};{liaison.Count(e => e.Action == "consultation")};{liaison.Count(e => e.Action != "consultation")}", lines);
        Assert.Equal(events.Count, lines.Skip(1).Sum(l => int.Parse(l.Split(';')[1], System.Globalization.CultureInfo.InvariantCulture)));

        var daily = Encoding.UTF8.GetString(await director.Client.GetByteArrayAsync(url + "actifs-jour"));
        var yesterday = events.Where(e => e.Day == UsageStatsData.Yesterday).ToList();
        Assert.Contains($"{UsageStatsData.Yesterday:yyyy-MM-dd};{yesterday.Select(e => e.PersonId).Distinct().Count()};{yesterday.Count}", daily);

        var hours = Encoding.UTF8.GetString(await director.Client.GetByteArrayAsync(url + "connexions-heure"));
        Assert.Equal(25, hours.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var places = Encoding.UTF8.GetString(await director.Client.GetByteArrayAsync(url + "lieux"));
        Assert.Contains($"{mine.ClassB.Name};{events.Count(e => e.ClassId == mine.ClassB.Id)};", places);
        foreach (var table in new[] { "comptes", "actifs-semaine", "actifs-mois", "actions" })
        {
            Assert.Equal(HttpStatusCode.OK, (await director.GetAsync(url + table)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync(url + "inconnue")).StatusCode);
    }

    [DbFact]
    public async Task Steering_committee_report_is_a_pdf_with_the_charts_figures()
    {
        var (mine, _, events) = await TwoSchoolsWithUsageAsync();
        using var director = await SignInAsync(mine.Director);
        var response = await director.GetAsync($"/statistiques/ecole/{mine.School.Id}?handler=rapport");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("comité de pilotage", text, StringComparison.Ordinal);
        Assert.Contains(mine.School.Name, text, StringComparison.Ordinal);
        // The service chart's bars are labelled with their figures.
        var liaison = events.Count(e => e.Service == "liaison");
        var compact = text.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        Assert.True(compact.Contains("Cahierdeliaison" + liaison, StringComparison.Ordinal), text);
    }
}
