using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.Messaging;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.People;

/// <summary>Groups over HTTP: creation, invitations, join requests, roles, the last owner, services, and membership dates.</summary>
public sealed class GroupTests(TestApp app)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Creates a group through its form; returns its id (the page redirects to /groupe/{id}).</summary>
    private static async Task<Guid> CreateGroupAsync(UserSession owner, string name, bool open = false, params string[] services)
    {
        List<KeyValuePair<string, string>> fields = [new("Input.Name", name), new("Input.IsOpen", open ? "true" : "false")];
        fields.AddRange((services.Length == 0 ? ["annuaire", "blog", "agenda", "albums"] : services).Select(s => new KeyValuePair<string, string>("Input.Services", s)));
        var created = await owner.SubmitAsync("/groupes/nouveau", fields, "#create-group");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/groupe/", url, StringComparison.Ordinal);
        return Guid.Parse(url["/groupe/".Length..]);
    }

    private static Task<HttpResponseMessage> InviteAsync(UserSession manager, Guid groupId, string search, TestAccount who, string role = "Member", string? endsOn = null)
    {
        List<KeyValuePair<string, string>> fields = [new("Invite.PersonId", who.Id.ToString()), new("Invite.Role", role)];
        if (endsOn is not null)
        {
            fields.Add(new("Invite.EndsOn", endsOn));
        }
        return manager.SubmitAsync($"/groupe/{groupId}?q={Uri.EscapeDataString(search)}", fields, "#invite-form");
    }

    private static Task<HttpResponseMessage> AnswerAsync(UserSession invitee, Guid groupId, bool accept) =>
        invitee.SubmitAsync("/groupes", [], $"li[data-group='{groupId}'] form[action*='accept={(accept ? "true" : "false")}']");

    private Task<TestAccount> NewPartnerAsync() => NewWithRoleAsync(Role.Partner);

    private async Task<TestAccount> NewWithRoleAsync(Role role)
    {
        var person = await app.NewAdultAsync();
        await app.WithDbAsync(async db =>
        {
            db.Memberships.Add(new Membership { PersonId = person.Id, Role = role, ScopeType = ScopeType.Territory });
            await db.SaveChangesAsync();
        });
        return person;
    }

    private static DateTimeOffset ParisTime(DateOnly day, int hour, int minute)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    [DbFact]
    public async Task Partner_LosesAccess_AtMidnightInParis_OnTheMembershipsEndDate()
    {
        await using var clocked = new MessagingApp(app);
        var school = await app.NewSchoolAsync();
        var partner = await NewPartnerAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clocked.Clock.GetUtcNow(), Paris).DateTime);

        Guid groupId;
        using (var teacher = await clocked.SignInAsync(school.TeacherA))
        {
            groupId = await CreateGroupAsync(teacher, "Lecture " + school.Tag);
            var invited = await InviteAsync(teacher, groupId, partner.Login.Split('.')[0], partner, "Contributor", today.ToString("yyyy-MM-dd"));
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        }
        using (var session = await clocked.SignInAsync(partner))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(session, groupId, accept: true)).StatusCode);
        }

        // Late in the evening of the last day, in Paris (already the next day nowhere that matters), the partner is still in.
        clocked.Clock.SetUtcNow(ParisTime(today, 23, 30));
        using (var evening = await clocked.SignInAsync(partner))
        {
            Assert.Equal(HttpStatusCode.OK, (await evening.GetAsync($"/groupe/{groupId}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await evening.GetAsync($"/groupe/{groupId}/annuaire")).StatusCode);
            var (_, home) = await evening.GetPageAsync("/");
            Assert.NotNull(home.QuerySelector($"a.service[href='/groupe/{groupId}/annuaire']"));
        }

        // Half past midnight in Paris: still the end date in UTC, but the membership is over.
        clocked.Clock.SetUtcNow(ParisTime(today.AddDays(1), 0, 30));
        using (var after = await clocked.SignInAsync(partner))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await after.GetAsync($"/groupe/{groupId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await after.GetAsync($"/groupe/{groupId}/annuaire")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await after.GetAsync($"/groupe/{groupId}/albums")).StatusCode);
            var (_, home) = await after.GetPageAsync("/");
            Assert.Null(home.QuerySelector($"a[href^='/groupe/{groupId}']"));
        }
        // The owner still sees the ended membership, marked as such, to extend or remove it.
        using (var owner = await clocked.SignInAsync(school.TeacherA))
        {
            var (_, page) = await owner.GetPageAsync($"/groupe/{groupId}");
            Assert.Contains("terminé", page.QuerySelector($"#members tr[data-person='{partner.Id}']")!.TextContent, StringComparison.Ordinal);
        }
    }

    [DbFact]
    public async Task PrivateGroup_IsNotFound_ForNonMembers_EvenWithItsUrl()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var groupId = await CreateGroupAsync(teacher, "Chorale " + school.Tag);

        foreach (var who in new[] { school.TeacherB, school.GuardianA, school.PupilA })
        {
            using var outsider = await app.SignedInAsync(who);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/groupe/{groupId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/groupe/{groupId}/annuaire")).StatusCode);
            Assert.DoesNotContain("Chorale " + school.Tag, UserSession.Text((await outsider.GetPageAsync("/groupes")).Document), StringComparison.Ordinal);
            // A forged join request on a group by invitation is refused and leaves nothing behind.
            var forged = await outsider.PostWithTokenAsync($"/groupe/{groupId}?handler=join");
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }
        Assert.False(await app.WithDbAsync(db => db.GroupRequests.AnyAsync(r => r.GroupId == groupId)));
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/groupe/{groupId}")).StatusCode);
    }

    [DbFact]
    public async Task Invitation_ToAGroupThatHasEnded_IsNoLongerOffered_AndCannotBeAccepted()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var groupId = await CreateGroupAsync(teacher, "Projet fini " + school.Tag);
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(teacher, groupId, "Test" + school.Tag, school.TeacherB)).StatusCode);
        var requestId = await app.WithDbAsync(db => db.GroupRequests.Where(r => r.GroupId == groupId && r.PersonId == school.TeacherB.Id).Select(r => r.Id).SingleAsync());
        // The project's last day went by before the invitee opened their groups.
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).Date).AddDays(-1);
        await app.WithDbAsync(db => db.Groups.Where(g => g.Id == groupId).ExecuteUpdateAsync(x => x.SetProperty(g => g.EndsOn, yesterday)));

        using var invitee = await app.SignedInAsync(school.TeacherB);
        var (_, groups) = await invitee.GetPageAsync("/groupes");
        Assert.Null(groups.QuerySelector($"li[data-group='{groupId}']"));
        var forged = await invitee.PostWithTokenAsync($"/groupes?handler=answer&requestId={requestId}&accept=true");

        Assert.Contains("Ce groupe est terminé : l'invitation n'est plus valable.", await UserSession.TextAsync(forged), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.GroupMembers.IgnoreQueryFilters().AnyAsync(m => m.GroupId == groupId && m.PersonId == school.TeacherB.Id)));
        Assert.False(await app.WithDbAsync(db => db.GroupRequests.AnyAsync(r => r.Id == requestId)));
    }

    [DbFact]
    public async Task Invitation_OfATeacherOfAnotherSchool_AcceptedMakesAMember_DeclinedLeavesNothing()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var groupId = await CreateGroupAsync(teacher, "Correspondance " + school.Tag);

        // The other school's teacher is found by name although the communication rules do not link them.
        var (_, search) = await teacher.GetPageAsync($"/groupe/{groupId}?q=Test{other.Tag}");
        Assert.NotNull(search.QuerySelector($"#invitee-{other.TeacherA.Id}"));
        Assert.Null(search.QuerySelector($"#invitee-{other.PupilA.Id}"));
        Assert.Null(search.QuerySelector($"#invitee-{other.GuardianA.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(teacher, groupId, "Test" + other.Tag, other.TeacherA, "Contributor")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(teacher, groupId, "Test" + other.Tag, other.TeacherB)).StatusCode);
        var again = await teacher.PostWithTokenAsync($"/groupe/{groupId}?handler=invite", ("Invite.PersonId", other.TeacherA.Id.ToString()), ("Invite.Role", "Member"));
        Assert.Contains("déjà été invitée", await UserSession.TextAsync(again), StringComparison.Ordinal);
        // A pupil of another school cannot be invited, even by a forged post.
        var pupil = await teacher.PostWithTokenAsync($"/groupe/{groupId}?handler=invite", ("Invite.PersonId", other.PupilA.Id.ToString()), ("Invite.Role", "Member"));
        Assert.Contains("Vous ne pouvez pas inviter cette personne.", await UserSession.TextAsync(pupil), StringComparison.Ordinal);

        Assert.True(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(n => n.PersonId == other.TeacherA.Id && n.Kind == NotificationKind.Group && n.Url == "/groupes")));

        using (var invitee = await app.SignedInAsync(other.TeacherA))
        {
            // Pending: no access yet.
            Assert.Equal(HttpStatusCode.NotFound, (await invitee.GetAsync($"/groupe/{groupId}")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(invitee, groupId, accept: true)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync($"/groupe/{groupId}")).StatusCode);
            var (_, home) = await invitee.GetPageAsync("/");
            Assert.Contains("Correspondance " + school.Tag, home.QuerySelector(".spaces")!.TextContent, StringComparison.Ordinal);
        }
        using (var declining = await app.SignedInAsync(other.TeacherB))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(declining, groupId, accept: false)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await declining.GetAsync($"/groupe/{groupId}")).StatusCode);
        }
        var roles = await app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == groupId).ToDictionaryAsync(m => m.PersonId, m => m.Role));
        Assert.Equal(GroupRole.Contributor, roles[other.TeacherA.Id]);
        Assert.False(roles.ContainsKey(other.TeacherB.Id));
        Assert.False(await app.WithDbAsync(db => db.GroupRequests.AnyAsync(r => r.GroupId == groupId)));
        // The inviter hears of both answers.
        Assert.Equal(2, await app.WithDbAsync(db => db.NotificationItems.CountAsync(n => n.PersonId == school.TeacherA.Id && n.Kind == NotificationKind.Group)));
    }

    [DbFact]
    public async Task Partner_IsInvited_OnlyWithAnEndDate()
    {
        var school = await app.NewSchoolAsync();
        var partner = await NewPartnerAsync();
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var groupId = await CreateGroupAsync(teacher, "Atelier " + school.Tag);

        var past = await InviteAsync(teacher, groupId, partner.Login.Split('.')[0], partner, endsOn: "2020-06-30");
        Assert.Contains("La date de fin de l'accès est déjà passée.", await UserSession.TextAsync(past), StringComparison.Ordinal);
        var missing = await InviteAsync(teacher, groupId, partner.Login.Split('.')[0], partner);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("indiquez la date de fin de son accès", await UserSession.TextAsync(missing), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.GroupRequests.AnyAsync(r => r.GroupId == groupId)));

        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(teacher, groupId, partner.Login.Split('.')[0], partner, endsOn: "2099-06-30")).StatusCode);
        using (var session = await app.SignedInAsync(partner))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(session, groupId, accept: true)).StatusCode);
        }
        var membership = await app.WithDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.PersonId == partner.Id && m.ScopeType == ScopeType.Group && m.ScopeId == groupId));
        Assert.Equal(Role.Partner, membership.Role);
        Assert.Equal(new DateOnly(2099, 6, 30), membership.EndsOn);

        // Clearing a partner's end date is refused.
        var cleared = await teacher.SubmitAsync($"/groupe/{groupId}", [new("endsOn", "")], $"form.end-form[action*='personId={partner.Id}']");
        Assert.Contains("L'accès d'un partenaire a toujours une date de fin.", await UserSession.TextAsync(cleared), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2099, 6, 30), await app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == groupId && m.PersonId == partner.Id).Select(m => m.EndsOn).SingleAsync()));
    }

    [DbFact]
    public async Task JoinRequest_OnAnOpenGroup_ModeratorAccepts_RequesterIsNotifiedAndBecomesMember()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var owner = await app.SignedInAsync(school.TeacherA);
        var name = "Club échecs " + school.Tag;
        var groupId = await CreateGroupAsync(owner, name, open: true);
        // A moderator answers requests too.
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(owner, groupId, "Test" + school.Tag, school.TeacherB, "Moderator")).StatusCode);
        using var moderator = await app.SignedInAsync(school.TeacherB);
        await AnswerAsync(moderator, groupId, accept: true);

        using var requester = await app.SignedInAsync(other.Director);
        var (_, list) = await requester.GetPageAsync($"/groupes?q={Uri.EscapeDataString("échecs " + school.Tag)}");
        Assert.Contains(name, list.QuerySelector("#open-groups")!.TextContent, StringComparison.Ordinal);
        var (_, upper) = await requester.GetPageAsync($"/groupes?q={Uri.EscapeDataString("ÉCHECS " + school.Tag)}");
        Assert.Contains(name, upper.QuerySelector("#open-groups")!.TextContent, StringComparison.Ordinal);
        var (_, plain) = await requester.GetPageAsync($"/groupes?q={Uri.EscapeDataString("echecs " + school.Tag)}");
        Assert.Contains(name, plain.QuerySelector("#open-groups")!.TextContent, StringComparison.Ordinal);
        // Pupils are not shown open groups.
        using (var pupil = await app.SignedInAsync(other.PupilA))
        {
            var (_, pupilList) = await pupil.GetPageAsync("/groupes");
            Assert.Null(pupilList.QuerySelector("#open-groups"));
        }

        var asked = await requester.SubmitAsync($"/groupes?q={Uri.EscapeDataString("échecs " + school.Tag)}", [], $"form[action*='groupId={groupId}']");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync($"/groupe/{groupId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await requester.GetAsync($"/groupe/{groupId}/annuaire")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(n => n.PersonId == school.TeacherB.Id && n.Kind == NotificationKind.Group && n.Url == $"/groupe/{groupId}")));

        var (_, page) = await moderator.GetPageAsync($"/groupe/{groupId}");
        Assert.Contains(other.Director.Login.Split('.')[0], page.QuerySelector("#join-requests")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync($"/groupe/{groupId}", [], "#join-requests form[action*='accept=true']")).StatusCode);

        Assert.Equal(GroupRole.Member, await app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == groupId && m.PersonId == other.Director.Id).Select(m => m.Role).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(n => n.PersonId == other.Director.Id && n.Kind == NotificationKind.Group && n.Title.Contains("Vous êtes membre"))));
        Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync($"/groupe/{groupId}/annuaire")).StatusCode);
    }

    [DbFact]
    public async Task JoinRequest_Refused_LeavesTheRequesterOutside()
    {
        var school = await app.NewSchoolAsync();
        using var owner = await app.SignedInAsync(school.TeacherA);
        var groupId = await CreateGroupAsync(owner, "Jardin " + school.Tag, open: true);
        using var requester = await app.SignedInAsync(school.Agent);
        Assert.Equal(HttpStatusCode.Redirect, (await requester.SubmitAsync($"/groupe/{groupId}", [], "form[action*='handler=join']")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync($"/groupe/{groupId}", [], "#join-requests form[action*='accept=false']")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.GroupMembers.IgnoreQueryFilters().AnyAsync(m => m.GroupId == groupId && m.PersonId == school.Agent.Id)));
        Assert.True(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(n => n.PersonId == school.Agent.Id && n.Title.Contains("Demande refusée"))));
    }

    [DbFact]
    public async Task OpenGroup_ThatIsOver_ShowsNoJoinButton_AndRefusesAForgedRequest()
    {
        var school = await app.NewSchoolAsync();
        using var owner = await app.SignedInAsync(school.TeacherA);
        var groupId = await CreateGroupAsync(owner, "Classe de neige " + school.Tag, open: true);
        var yesterday = Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System).AddDays(-1);
        await app.WithDbAsync(db => db.Groups.Where(g => g.Id == groupId).ExecuteUpdateAsync(u => u.SetProperty(g => g.EndsOn, yesterday)));

        using var visitor = await app.SignedInAsync(school.TeacherB);
        var (_, page) = await visitor.GetPageAsync($"/groupe/{groupId}");
        Assert.NotNull(page.QuerySelector("#group-over"));
        Assert.Null(page.QuerySelector("form[action*='handler=join']"));
        Assert.DoesNotContain("Classe de neige " + school.Tag, UserSession.Text((await visitor.GetPageAsync("/groupes")).Document), StringComparison.Ordinal);

        var forged = await visitor.PostWithTokenAsync($"/groupe/{groupId}?handler=join");
        Assert.Contains("Ce groupe est terminé : il n'accepte plus de demandes.", await UserSession.TextAsync(forged), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.GroupRequests.AnyAsync(r => r.GroupId == groupId)));
    }

    [DbFact]
    public async Task OnlyOwners_ChangeRoles_ModeratorsAndMembersCannot()
    {
        var school = await app.NewSchoolAsync();
        using var owner = await app.SignedInAsync(school.TeacherA);
        var groupId = await CreateGroupAsync(owner, "Sciences " + school.Tag);
        await InviteAsync(owner, groupId, "Test" + school.Tag, school.TeacherB, "Moderator");
        await InviteAsync(owner, groupId, "Test" + school.Tag, school.Director, "Member");
        using var moderator = await app.SignedInAsync(school.TeacherB);
        await AnswerAsync(moderator, groupId, accept: true);
        using var member = await app.SignedInAsync(school.Director);
        await AnswerAsync(member, groupId, accept: true);

        var (_, modPage) = await moderator.GetPageAsync($"/groupe/{groupId}");
        Assert.Null(modPage.QuerySelector("form.role-form"));
        Assert.NotNull(modPage.QuerySelector("#invite-search"));
        foreach (var who in new[] { moderator, member })
        {
            var forged = await who.PostWithTokenAsync($"/groupe/{groupId}?handler=role&personId={school.Director.Id}", ("role", "Owner"));
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }
        Assert.Equal(GroupRole.Member, await RoleAsync(groupId, school.Director.Id));

        var changed = await owner.SubmitAsync($"/groupe/{groupId}", [new("role", "Contributor")], $"form.role-form[action*='personId={school.Director.Id}']");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(GroupRole.Contributor, await RoleAsync(groupId, school.Director.Id));
    }

    [DbFact]
    public async Task LastOwner_CannotLeave_UntilNamingAnotherOwner()
    {
        var school = await app.NewSchoolAsync();
        using var owner = await app.SignedInAsync(school.TeacherA);
        var groupId = await CreateGroupAsync(owner, "Théâtre " + school.Tag);
        await InviteAsync(owner, groupId, "Test" + school.Tag, school.TeacherB);
        using (var member = await app.SignedInAsync(school.TeacherB))
        {
            await AnswerAsync(member, groupId, accept: true);
        }

        var refused = await owner.PostWithTokenAsync($"/groupe/{groupId}?handler=leave");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Vous êtes le dernier propriétaire", await UserSession.TextAsync(refused), StringComparison.Ordinal);
        Assert.Equal(GroupRole.Owner, await RoleAsync(groupId, school.TeacherA.Id));
        // Nor can the last owner demote themself.
        var demoted = await owner.SubmitAsync($"/groupe/{groupId}", [new("role", "Member")], $"form.role-form[action*='personId={school.TeacherA.Id}']");
        Assert.Contains("au moins un propriétaire", await UserSession.TextAsync(demoted), StringComparison.Ordinal);

        var left = await owner.SubmitAsync($"/groupe/{groupId}", [new("successorId", school.TeacherB.Id.ToString())], "#leave-form");
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        Assert.Null(await RoleAsync(groupId, school.TeacherA.Id));
        Assert.Equal(GroupRole.Owner, await RoleAsync(groupId, school.TeacherB.Id));
        Assert.Equal(school.TeacherB.Id, await app.WithDbAsync(db => db.Groups.Where(g => g.Id == groupId).Select(g => g.OwnerId).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/groupe/{groupId}")).StatusCode);
    }

    [DbFact]
    public async Task ServicesTurnedOff_DisappearFromTheGroupSpaceOnHome()
    {
        var school = await app.NewSchoolAsync();
        using var owner = await app.SignedInAsync(school.TeacherA);
        var groupId = await CreateGroupAsync(owner, "Musique " + school.Tag, false, "annuaire", "blog");
        await InviteAsync(owner, groupId, "Test" + school.Tag, school.TeacherB);
        using var member = await app.SignedInAsync(school.TeacherB);
        await AnswerAsync(member, groupId, accept: true);

        var (_, home) = await member.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector($"a.service[href='/groupe/{groupId}/blog']"));
        Assert.Null(home.QuerySelector($"a.service[href='/groupe/{groupId}/albums']"));

        // A member may not change them; the owner turns the blog off and the albums on.
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostWithTokenAsync($"/groupe/{groupId}?handler=services", ("enabled", "annuaire"))).StatusCode);
        var saved = await owner.SubmitAsync($"/groupe/{groupId}", [new("enabled", "annuaire"), new("enabled", "albums")], "form[action*='handler=services']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        (_, home) = await member.GetPageAsync("/");
        Assert.Null(home.QuerySelector($"a.service[href='/groupe/{groupId}/blog']"));
        Assert.NotNull(home.QuerySelector($"a.service[href='/groupe/{groupId}/albums']"));
        Assert.NotNull(home.QuerySelector($"a.service[href='/groupe/{groupId}/annuaire']"));
    }

    [DbFact]
    public async Task Creation_IsForTeachersDirectorsAdvisorsAndAgents_NotParentsPupilsOrPartners()
    {
        var school = await app.NewSchoolAsync();
        var partner = await NewPartnerAsync();
        foreach (var who in new[] { school.TeacherA, school.Director, school.Advisor, school.Agent })
        {
            using var session = await app.SignedInAsync(who);
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/groupes/nouveau")).StatusCode);
        }
        foreach (var who in new[] { school.GuardianA, school.PupilA, partner })
        {
            using var session = await app.SignedInAsync(who);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/groupes/nouveau")).StatusCode);
        }
        using var teacher = await app.SignedInAsync(school.TeacherA);
        var empty = await teacher.SubmitAsync("/groupes/nouveau", [new("Input.Name", ""), new("Input.Description", "Garde ce texte " + school.Tag)], "#create-group");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var page = await PeopleTestHelpers.ParseAsync(empty);
        Assert.Contains("Donnez un nom au groupe.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Garde ce texte " + school.Tag, page.QuerySelector("#Input_Description")!.TextContent, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task GroupRolesContract_AnswersWhatEachRoleMayDo_AndNothingOutsideTheDates()
    {
        var school = await app.NewSchoolAsync();
        var group = new Group { Name = "Contrat " + school.Tag, OwnerId = school.TeacherA.Id };
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime).AddDays(-1);
        await app.WithDbAsync(async db =>
        {
            db.Groups.Add(group);
            db.GroupMembers.AddRange(
                new GroupMember { GroupId = group.Id, PersonId = school.TeacherA.Id, Role = GroupRole.Owner },
                new GroupMember { GroupId = group.Id, PersonId = school.TeacherB.Id, Role = GroupRole.Contributor },
                new GroupMember { GroupId = group.Id, PersonId = school.Director.Id, Role = GroupRole.Reader },
                new GroupMember { GroupId = group.Id, PersonId = school.Agent.Id, Role = GroupRole.Moderator, EndsOn = yesterday },
                new GroupMember { GroupId = group.Id, PersonId = school.Advisor.Id, Role = GroupRole.Member, StartsOn = yesterday.AddDays(3) });
            await db.SaveChangesAsync();
        });
        using var scope = app.Services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<Preau.Web.Modules.People.Contracts.IGroupRoles>();

        var owner = await roles.ForPersonAsync(group.Id, school.TeacherA.Id);
        Assert.True(owner.CanManage && owner.CanModerate && owner.CanPublish);
        var contributor = await roles.ForPersonAsync(group.Id, school.TeacherB.Id);
        Assert.True(contributor.CanPublish && contributor.CanParticipate);
        Assert.False(contributor.CanModerate);
        var reader = await roles.ForPersonAsync(group.Id, school.Director.Id);
        Assert.True(reader.CanRead);
        Assert.False(reader.CanParticipate);
        // Ended yesterday, or starting in two days: no rights at all.
        Assert.False((await roles.ForPersonAsync(group.Id, school.Agent.Id)).IsMember);
        Assert.False((await roles.ForPersonAsync(group.Id, school.Advisor.Id)).IsMember);
        Assert.False((await roles.ForPersonAsync(group.Id, school.PupilA.Id)).CanRead);
    }

    [DbFact]
    public async Task GroupPastItsEndDate_GivesNothingToItsMembers_WhileItsOwnerKeepsIt()
    {
        var school = await app.NewSchoolAsync();
        using var owner = await app.SignedInAsync(school.TeacherA);
        var groupId = await CreateGroupAsync(owner, "Projet fini " + school.Tag);
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime).AddDays(-1);
        await app.WithDbAsync(async db =>
        {
            db.GroupMembers.Add(new GroupMember { GroupId = groupId, PersonId = school.TeacherB.Id, Role = GroupRole.Contributor });
            await db.SaveChangesAsync();
        });
        using var member = await app.SignedInAsync(school.TeacherB);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/groupe/{groupId}")).StatusCode);

        // The project ended yesterday (the membership itself has no end date).
        await app.WithDbAsync(async db =>
        {
            (await db.Groups.SingleAsync(g => g.Id == groupId)).EndsOn = yesterday;
            await db.SaveChangesAsync();
            await Preau.Web.Platform.Auth.AccessStamp.BumpAsync(db);
        });
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/groupe/{groupId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/groupe/{groupId}/annuaire")).StatusCode);
        var (_, memberHome) = await member.GetPageAsync("/");
        Assert.Null(memberHome.QuerySelector($"a[href^='/groupe/{groupId}']"));

        var (ownerResponse, ownerPage) = await owner.GetPageAsync($"/groupe/{groupId}");
        Assert.Equal(HttpStatusCode.OK, ownerResponse);
        Assert.Contains("Ce groupe est terminé", ownerPage.QuerySelector("#group-over")!.TextContent, StringComparison.Ordinal);
    }

    private Task<GroupRole?> RoleAsync(Guid groupId, Guid personId) =>
        app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == groupId && m.PersonId == personId).Select(m => (GroupRole?)m.Role).SingleOrDefaultAsync());
}
