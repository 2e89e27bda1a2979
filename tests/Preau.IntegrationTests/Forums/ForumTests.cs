using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Communication.Data;
using Preau.Web.Modules.Forums.Data;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.Forums;

/// <summary>Class and group forums over HTTP against the real database: who reads and writes, moderation, reports, unread markers.</summary>
public sealed class ForumTests(TestApp app)
{
    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    /// <summary>Opens a topic through the form and answers its id.</summary>
    internal static async Task<Guid> CreateTopicAsync(UserSession author, string forumUrl, string title, string body)
    {
        var response = await author.SubmitAsync(forumUrl, [new("Input.Title", title), new("Input.Body", body)], "#create-topic");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString[^36..]);
    }

    private static Task<HttpResponseMessage> ReplyAsync(UserSession author, Guid topicId, string body, string query = "") =>
        author.SubmitAsync($"/forum/sujet/{topicId}{query}", [new("Body", body)], "#reply-form");

    private Task<List<ForumPost>> PostsAsync(Guid topicId) =>
        app.WithDbAsync(db => db.ForumPosts.AsNoTracking().Where(p => p.TopicId == topicId).OrderBy(p => p.CreatedAt).ToListAsync());

    /// <summary>A group with an owner, plus the given members with their roles.</summary>
    private async Task<Guid> NewGroupAsync(TestAccount owner, params (TestAccount Who, GroupRole Role)[] members)
    {
        var group = new Group { Name = $"Projet {Guid.NewGuid():N}"[..20], OwnerId = owner.Id };
        await app.WithDbAsync(async db =>
        {
            db.Groups.Add(group);
            db.GroupMembers.Add(new GroupMember { GroupId = group.Id, PersonId = owner.Id, Role = GroupRole.Owner });
            db.GroupMembers.AddRange(members.Select(m => new GroupMember { GroupId = group.Id, PersonId = m.Who.Id, Role = m.Role }));
            await db.SaveChangesAsync();
        });
        return group.Id;
    }

    private static bool PupilsAreInCurfewNow() => CommunicationRules.IsInCurfew(new CurfewSetting(), DateTimeOffset.UtcNow);

    [DbFact]
    public async Task ClassForum_TeacherAndPupilsWrite_ParentOnlyReads_PupilOfAnotherClassAndOutsidersGetNotFound()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var forum = $"/classe/{s.ClassA.Id}/forum";
        using var teacher = await SignInAsync(s.TeacherA);
        var topic = await CreateTopicAsync(teacher, forum, "Notre sortie", "<p>Qui a aimé le <strong>musée</strong> ?</p><script>alert(1)</script>");
        var first = Assert.Single(await PostsAsync(topic));
        Assert.True(first.IsHtml);
        Assert.Equal("<p>Qui a aimé le <strong>musée</strong> ?</p>", first.Body);

        // Léa's mother reads the class's forum but neither opens topics nor replies.
        using var parent = await SignInAsync(s.GuardianA);
        var (status, list) = await parent.GetPageAsync(forum);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Notre sortie", list.QuerySelector(".forum-topics")!.TextContent);
        Assert.Null(list.QuerySelector("#create-topic"));
        var (_, page) = await parent.GetPageAsync($"/forum/sujet/{topic}");
        Assert.Null(page.QuerySelector("#reply-form"));
        var (_, teacherPage) = await teacher.GetPageAsync($"/forum/sujet/{topic}");
        var token = teacherPage.QuerySelector("#reply-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await parent.Client.PostAsync($"/forum/sujet/{topic}?handler=Reply",
            new FormUrlEncodedContent([new("Body", "Je réponds quand même"), new("__RequestVerificationToken", token)]));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Single(await PostsAsync(topic));

        // A pupil of class B, a teacher of another school and the commune's agent: 404 everywhere, even with the addresses.
        foreach (var outsider in new[] { s.PupilB, other.TeacherA, s.Agent })
        {
            using var session = await SignInAsync(outsider);
            foreach (var url in new[] { forum, $"/forum/sujet/{topic}", $"/forum/message/{first.Id}/signaler", $"{forum}/signalements" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(url)).StatusCode);
            }
        }

        // The class's own pupil writes plain text: markup stays text. At night the curfew of the communication rules says no.
        using var pupil = await SignInAsync(s.PupilA);
        var reply = await ReplyAsync(pupil, topic, "Moi ! <b>C'était bien</b>");
        if (PupilsAreInCurfewNow())
        {
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            Assert.Contains("Le forum est fermé aux élèves la nuit", await UserSession.TextAsync(reply));
            Assert.Single(await PostsAsync(topic));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
            var posted = (await PostsAsync(topic))[1];
            Assert.False(posted.IsHtml);
            var (_, shown) = await parent.GetPageAsync($"/forum/sujet/{topic}");
            var body = shown.QuerySelectorAll(".forum-body")[1];
            Assert.Empty(body.QuerySelectorAll("b"));
            Assert.Contains("<b>C'était bien</b>", body.TextContent);
        }
    }

    [DbFact]
    public async Task GroupForum_ReaderReadsOnly_MemberOfAnotherSchoolWrites_NonMemberGetsNotFound()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var group = await NewGroupAsync(s.TeacherA, (other.TeacherA, GroupRole.Member), (s.TeacherB, GroupRole.Reader));
        var forum = $"/groupe/{group}/forum";
        using var owner = await SignInAsync(s.TeacherA);
        var topic = await CreateTopicAsync(owner, forum, "Rencontre lecture", "Quelle date vous convient ?");

        using var member = await SignInAsync(other.TeacherA);
        Assert.Equal(HttpStatusCode.Redirect, (await ReplyAsync(member, topic, "Le jeudi 12 nous irait.")).StatusCode);
        Assert.Equal(2, (await PostsAsync(topic)).Count);
        // A member is no moderator: no queue, no lock.
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"{forum}/signalements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await PostHandlerAsync(member, topic, "Lock"));
        Assert.False(await app.WithDbAsync(db => db.ForumTopics.Where(t => t.Id == topic).Select(t => t.IsLocked).FirstAsync()));

        using var reader = await SignInAsync(s.TeacherB);
        var (status, list) = await reader.GetPageAsync(forum);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(list.QuerySelector("#create-topic"));
        Assert.Contains("Vous pouvez lire ce forum", UserSession.Text(list));
        var (_, page) = await reader.GetPageAsync($"/forum/sujet/{topic}");
        Assert.Null(page.QuerySelector("#reply-form"));

        using var outsider = await SignInAsync(s.Director);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(forum)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/forum/sujet/{topic}")).StatusCode);
    }

    /// <summary>Posts a page handler of the topic with the session's own antiforgery token (from the topic page).</summary>
    private static async Task<HttpStatusCode> PostHandlerAsync(UserSession session, Guid topic, string handler, params (string, string)[] fields)
    {
        var (_, doc) = await session.GetPageAsync($"/forum/sujet/{topic}");
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await session.Client.PostAsync($"/forum/sujet/{topic}?handler={handler}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]));
        return response.StatusCode;
    }

    [DbFact]
    public async Task LockedTopic_RefusesReplies_UntilAModeratorReopensIt()
    {
        var s = await app.NewSchoolAsync();
        var group = await NewGroupAsync(s.TeacherA, (s.TeacherB, GroupRole.Contributor));
        using var owner = await SignInAsync(s.TeacherA);
        var topic = await CreateTopicAsync(owner, $"/groupe/{group}/forum", "Bilan", "Le projet est fini.");
        using var member = await SignInAsync(s.TeacherB);
        var (_, before) = await member.GetPageAsync($"/forum/sujet/{topic}");
        var token = before.QuerySelector("#reply-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        Assert.Equal(HttpStatusCode.Redirect, await PostHandlerAsync(owner, topic, "Lock"));
        var (_, locked) = await member.GetPageAsync($"/forum/sujet/{topic}");
        Assert.Null(locked.QuerySelector("#reply-form"));
        Assert.Contains("Ce sujet est verrouillé", UserSession.Text(locked));
        // A reply prepared before the lock is refused, with the reason, and nothing is written.
        using var late = await member.Client.PostAsync($"/forum/sujet/{topic}?handler=Reply",
            new FormUrlEncodedContent([new("Body", "Et moi ?"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("Ce sujet est verrouillé", await UserSession.TextAsync(late));
        Assert.Single(await PostsAsync(topic));

        Assert.Equal(HttpStatusCode.Redirect, await PostHandlerAsync(owner, topic, "Unlock"));
        Assert.Equal(HttpStatusCode.Redirect, (await ReplyAsync(member, topic, "Et moi ?")).StatusCode);
        Assert.Equal(2, (await PostsAsync(topic)).Count);
    }

    [DbFact]
    public async Task HiddenPost_IsInvisibleToNonModerators_AndMarkedForModerators()
    {
        var s = await app.NewSchoolAsync();
        var forum = $"/classe/{s.ClassA.Id}/forum";
        using var teacher = await SignInAsync(s.TeacherA);
        var topic = await CreateTopicAsync(teacher, forum, "Règles de la classe", "Relisons-les ensemble.");
        var hiddenId = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.ForumPosts.Add(new ForumPost { Id = hiddenId, TopicId = topic, AuthorId = s.PupilA.Id, Body = "Un mot pas gentil", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Redirect, await PostHandlerAsync(teacher, topic, "Hide", ("postId", hiddenId.ToString())));

        var (_, moderatorView) = await teacher.GetPageAsync($"/forum/sujet/{topic}");
        var marked = moderatorView.QuerySelector($"#message-{hiddenId}");
        Assert.NotNull(marked);
        Assert.Contains("Masqué par un modérateur", marked.TextContent);
        using var director = await SignInAsync(s.Director);
        Assert.Contains("Un mot pas gentil", UserSession.Text((await director.GetPageAsync($"/forum/sujet/{topic}")).Document));

        foreach (var who in new[] { s.GuardianA, s.PupilA })
        {
            using var session = await SignInAsync(who);
            var (_, page) = await session.GetPageAsync($"/forum/sujet/{topic}");
            Assert.Null(page.QuerySelector($"#message-{hiddenId}"));
            Assert.DoesNotContain("Un mot pas gentil", UserSession.Text(page));
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/forum/message/{hiddenId}/signaler")).StatusCode);
            // The list counts no reply for them either.
            var (_, list) = await session.GetPageAsync(forum);
            Assert.Equal("0", list.QuerySelector($"tr[data-topic='{topic}'] td:nth-child(2)")!.TextContent.Trim());
        }
        // A pupil is never a moderator, even with the handler's address.
        using var pupil = await SignInAsync(s.PupilA);
        Assert.Equal(HttpStatusCode.Forbidden, await PostHandlerAsync(pupil, topic, "Show", ("postId", hiddenId.ToString())));
    }

    [DbFact]
    public async Task EditWindow_AuthorChangesOrDeletesWithin30Minutes_NotAfter_AndNobodyElseMay()
    {
        var s = await app.NewSchoolAsync();
        var group = await NewGroupAsync(s.TeacherA, (s.TeacherB, GroupRole.Member));
        using var owner = await SignInAsync(s.TeacherA);
        var topic = await CreateTopicAsync(owner, $"/groupe/{group}/forum", "Liste de livres", "Voici la liste.");
        var post = Assert.Single(await PostsAsync(topic));

        var (_, page) = await owner.GetPageAsync($"/forum/sujet/{topic}");
        Assert.Contains("pendant 30 minutes", UserSession.Text(page));
        var edited = await owner.SubmitAsync($"/forum/message/{post.Id}/modifier", [new("Body", "Voici la liste corrigée.")], "#edit-post");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("corrigée", (await PostsAsync(topic))[0].Body);

        using var member = await SignInAsync(s.TeacherB);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/forum/message/{post.Id}/modifier")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await PostHandlerAsync(member, topic, "Delete", ("postId", post.Id.ToString())));

        // 31 minutes later: the edit page says so, a late save is refused and loses nothing, delete is refused.
        var (_, form) = await owner.GetPageAsync($"/forum/message/{post.Id}/modifier");
        var token = form.QuerySelector("#edit-post input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await app.WithDbAsync(db => db.ForumPosts.Where(p => p.Id == post.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.CreatedAt, p => p.CreatedAt.AddMinutes(-31))));
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync($"/forum/message/{post.Id}/modifier")).StatusCode);
        using var late = await owner.Client.PostAsync($"/forum/message/{post.Id}/modifier",
            new FormUrlEncodedContent([new("Body", "Trop tard ?"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var text = await UserSession.TextAsync(late);
        Assert.Contains("Le délai de 30 minutes pour modifier ce message est passé", text);
        Assert.Contains("Trop tard ?", text);
        Assert.Contains("corrigée", (await PostsAsync(topic))[0].Body);
        Assert.Equal(HttpStatusCode.Forbidden, await PostHandlerAsync(owner, topic, "Delete", ("postId", post.Id.ToString())));

        // Within the window, deleting leaves « Message supprimé » in the thread.
        Assert.Equal(HttpStatusCode.Redirect, (await ReplyAsync(member, topic, "Merci !")).StatusCode);
        var reply = (await PostsAsync(topic))[1];
        Assert.Equal(HttpStatusCode.Redirect, await PostHandlerAsync(member, topic, "Delete", ("postId", reply.Id.ToString())));
        var (_, after) = await owner.GetPageAsync($"/forum/sujet/{topic}");
        Assert.Contains("Message supprimé", after.QuerySelector($"#message-{reply.Id}")!.TextContent);
        Assert.DoesNotContain("Merci !", UserSession.Text(after));
    }

    [DbFact]
    public async Task ReportedPost_ReachesTheModerationQueue_NotifiesTheModerators_AndHidingItClosesTheReport()
    {
        var s = await app.NewSchoolAsync();
        var group = await NewGroupAsync(s.TeacherA, (s.Director, GroupRole.Moderator), (s.TeacherB, GroupRole.Member), (s.Agent, GroupRole.Reader));
        var forum = $"/groupe/{group}/forum";
        using var member = await SignInAsync(s.TeacherB);
        var topic = await CreateTopicAsync(member, forum, "Hors sujet", "Publicité pour mon vide-grenier");
        var post = Assert.Single(await PostsAsync(topic));

        using var reader = await SignInAsync(s.Agent);
        var reported = await reader.SubmitAsync($"/forum/message/{post.Id}/signaler", [new("Reason", "Ce n'est pas le sujet du groupe.")], "#report-form");
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        // A second report by the same person adds nothing.
        await reader.SubmitAsync($"/forum/message/{post.Id}/signaler", [new("Reason", "Encore")], "#report-form");
        Assert.Equal(1, await app.WithDbAsync(db => db.ForumReports.CountAsync(r => r.PostId == post.Id)));
        // Its author cannot report their own post.
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/forum/message/{post.Id}/signaler")).StatusCode);

        var notified = await app.WithDbAsync(db => db.NotificationItems.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.ForumReport && n.Url == $"{forum}/signalements").Select(n => n.PersonId).ToListAsync());
        Assert.Equal(new[] { s.TeacherA.Id, s.Director.Id }.Order(), notified.Order());

        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"{forum}/signalements")).StatusCode);
        using var owner = await SignInAsync(s.TeacherA);
        var (status, queue) = await owner.GetPageAsync($"{forum}/signalements");
        Assert.Equal(HttpStatusCode.OK, status);
        var item = Assert.Single(queue.QuerySelectorAll(".forum-reports li"));
        Assert.Contains("Ce n'est pas le sujet du groupe.", item.TextContent);
        Assert.Contains("Publicité pour mon vide-grenier", item.TextContent);

        var hidden = await owner.SubmitAsync($"{forum}/signalements", [], "form[action*=Hide]");
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.True((await PostsAsync(topic))[0].IsHidden);
        Assert.Equal(0, await app.WithDbAsync(db => db.ForumReports.CountAsync(r => r.PostId == post.Id && r.ClosedAt == null)));
        Assert.Empty((await owner.GetPageAsync($"{forum}/signalements")).Document.QuerySelectorAll(".forum-reports li"));
    }

    [DbFact]
    public async Task UnreadMarker_ShowsNewPostsSinceTheReaderLastOpenedTheTopic_NeverTheirOwn()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var group = await NewGroupAsync(s.TeacherA, (other.TeacherA, GroupRole.Member));
        var forum = $"/groupe/{group}/forum";
        using var owner = await SignInAsync(s.TeacherA);
        using var member = await SignInAsync(other.TeacherA);
        var topic = await CreateTopicAsync(owner, forum, "Choix du livre", "Je propose « Le Petit Prince ».");

        async Task<bool> UnreadAsync(UserSession who) =>
            (await who.GetPageAsync(forum)).Document.QuerySelector($"tr[data-topic='{topic}']")!.ClassList.Contains("forum-unread");

        Assert.False(await UnreadAsync(owner));
        Assert.True(await UnreadAsync(member));
        await member.GetAsync($"/forum/sujet/{topic}");
        Assert.False(await UnreadAsync(member));

        // The member replies quoting the owner: new for the owner (not for the member), and the quote shows the owner's words.
        var first = Assert.Single(await PostsAsync(topic));
        var reply = await ReplyAsync(member, topic, "D'accord, mes élèves l'adorent.", $"?citer={first.Id}");
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Equal(first.Id, (await PostsAsync(topic))[1].QuotedPostId);
        Assert.False(await UnreadAsync(member));
        Assert.True(await UnreadAsync(owner));
        var (_, page) = await owner.GetPageAsync($"/forum/sujet/{topic}");
        var quote = page.QuerySelectorAll(".forum-post")[1].QuerySelector("blockquote")!;
        Assert.Contains("Je propose « Le Petit Prince ».", quote.TextContent);
        Assert.False(await UnreadAsync(owner));
        Assert.Equal(1, await app.WithDbAsync(db => db.ForumReads.CountAsync(r => r.TopicId == topic && r.PersonId == s.TeacherA.Id)));
    }

    [DbFact]
    public async Task TopicList_RunsTheSameNumberOfQueries_ForTwoTopicsOrAFullPage()
    {
        var s = await app.NewSchoolAsync();
        var group = await NewGroupAsync(s.TeacherA, (s.TeacherB, GroupRole.Member));
        var forum = $"/groupe/{group}/forum";
        async Task AddTopicsAsync(int count) => await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var at = DateTime.UtcNow.AddMinutes(-i);
                var t = new ForumTopic { ScopeType = ScopeType.Group, ScopeId = group, Title = $"Sujet {i}", AuthorId = s.TeacherA.Id, CreatedAt = at, LastPostAt = at };
                db.ForumTopics.Add(t);
                db.ForumPosts.Add(new ForumPost { TopicId = t.Id, AuthorId = s.TeacherA.Id, Body = "x", CreatedAt = at });
                db.ForumPosts.Add(new ForumPost { TopicId = t.Id, AuthorId = s.TeacherB.Id, Body = "y", CreatedAt = at.AddSeconds(1) });
                db.ForumReads.Add(new ForumRead { TopicId = t.Id, PersonId = s.TeacherB.Id, LastReadAt = at });
            }
            await db.SaveChangesAsync();
        });
        using var member = await SignInAsync(s.TeacherB);
        await AddTopicsAsync(2);
        // The first page after signing in does once-per-session work (last visit, counters): measure the next ones.
        await member.QueryCountAsync(forum);
        var two = await member.QueryCountAsync(forum);
        await AddTopicsAsync(25);
        var (_, doc) = await member.GetPageAsync(forum);
        Assert.Equal(20, doc.QuerySelectorAll(".forum-topics tbody tr").Length);
        Assert.Equal(two, await member.QueryCountAsync(forum));
    }

    [DbFact]
    public async Task CrisisSwitchOnTheSchool_StopsItsPeoplePosting_KeepsWhatWasTyped_AndLeavesOtherSchoolsAlone()
    {
        var s = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var group = await NewGroupAsync(s.TeacherA, (other.TeacherA, GroupRole.Member));
        await app.WithDbAsync(async db =>
        {
            db.Set<CrisisSwitch>().Add(new CrisisSwitch
            {
                Scope = CrisisScope.School, SchoolId = s.School.Id, Message = "Incident en cours", StartsAt = DateTime.UtcNow.AddMinutes(-1), CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var forum = $"/groupe/{group}/forum";
        using var suspended = await SignInAsync(s.TeacherA);
        var refused = await suspended.SubmitAsync(forum, [new("Input.Title", "Sortie"), new("Input.Body", "Texte à garder")], "#create-topic");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var text = await UserSession.TextAsync(refused);
        Assert.Contains("Les échanges sont suspendus : Incident en cours", text);
        Assert.Contains("Texte à garder", text);
        Assert.Equal(0, await app.WithDbAsync(db => db.ForumTopics.CountAsync(t => t.ScopeId == group)));

        using var elsewhere = await SignInAsync(other.TeacherA);
        await CreateTopicAsync(elsewhere, forum, "Sortie", "Je m'en occupe.");
    }
}
