using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Subscriptions;
using Preau.Web.Modules.Territory;
using Preau.Web.Modules.Territory.Data;

namespace Preau.IntegrationTests.Subscriptions;

internal static class SubscriptionKit
{
    public static string ThisYear => SchoolYears.Current(Today);

    public static string NextYear => SchoolYears.Next(Today);

    public static DateOnly Today => Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System);

    public static async Task<UserSession> SignInAsync(this TestApp app, TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    public static async Task<HttpResponseMessage> SubscribeAsync(this UserSession admin, Guid authorityId, string? year = null, bool all = true,
        Guid[]? schools = null, DateOnly? trialStart = null, DateOnly? trialEnd = null, string? reference = null)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("Input.AuthorityId", authorityId.ToString()),
            new("Input.Year", year ?? ThisYear),
            new("Input.Kind", trialEnd is null ? "SchoolYear" : "Trial"),
        ];
        if (all)
        {
            fields.Add(new("Input.AllSchools", "true"));
        }
        fields.AddRange((schools ?? []).Select(s => new KeyValuePair<string, string>("Input.SchoolIds", s.ToString())));
        if (trialStart is { } ts)
        {
            fields.Add(new("Input.TrialStartsOn", ts.ToString("yyyy-MM-dd")));
        }
        if (trialEnd is { } te)
        {
            fields.Add(new("Input.TrialEndsOn", te.ToString("yyyy-MM-dd")));
        }
        if (reference is not null)
        {
            fields.Add(new("Input.Reference", reference));
        }
        return await admin.SubmitAsync("/admin/abonnements", fields, "#new-subscription");
    }

    /// <summary>A second school of the same commune (same district), without people.</summary>
    public static async Task<School> AddSchoolAsync(this TestApp app, TestSchool of)
    {
        var school = new School
        {
            Uai = Uai.Complete(Random.Shared.Next(1_000_000, 9_999_999).ToString("D7", System.Globalization.CultureInfo.InvariantCulture)),
            Name = $"École annexe {of.Tag}", DistrictId = of.District.Id, LocalAuthorityId = of.Commune.Id, Type = SchoolType.Maternelle,
        };
        await app.WithDbAsync(async db =>
        {
            db.Schools.Add(school);
            await db.SaveChangesAsync();
        });
        return school;
    }

    public static async Task<IReadOnlySet<Guid>> CoveredOnAsync(this TestApp app, DateOnly day)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SchoolCoverage>().CoveredSchoolsAsync(day);
    }

    /// <summary>The overview searched for one collectivité: the whole suite's communes fill far more than one page.</summary>
    public static string OverviewOf(LocalAuthority commune) => $"/admin/abonnements?q={Uri.EscapeDataString(commune.Name)}";

    /// <summary>The cells (status, schools, pupils, accounts) of a collectivité's row in one year's table.</summary>
    public static (string Status, string Schools, string Pupils, string Accounts) Row(IDocument doc, string table, Guid authorityId)
    {
        var row = doc.QuerySelector($"#table-{table} tr[data-authority='{authorityId}']") ?? throw new InvalidOperationException("row not found");
        string Cell(string c) => row.QuerySelector("." + c)!.TextContent.Trim();
        return (Cell("status"), Cell("schools"), Cell("pupils"), Cell("accounts"));
    }

    public static async Task<int> QuizCountAsync(this TestApp app, Guid classId) =>
        await app.WithDbAsync(db => db.Quizzes.CountAsync(q => q.ClassId == classId));

    public static async Task<HttpResponseMessage> CreateQuizAsync(this UserSession teacher, Guid classId, string title) =>
        await teacher.SubmitAsync($"/classe/{classId}/quiz", [new("title", title)], "#new-quiz");

    public static void AssertRedirect(HttpResponseMessage response, string? to = null)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"expected a redirect, got {(int)response.StatusCode}");
        if (to is not null)
        {
            Assert.Equal(to, response.Headers.Location?.OriginalString);
        }
    }
}
