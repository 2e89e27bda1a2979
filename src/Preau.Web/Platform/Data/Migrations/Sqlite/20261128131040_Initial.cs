using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts_charters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Audience = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_charters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "accounts_login_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_login_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "home_service_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScopeType = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_home_service_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "people_persons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Ine = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    PhotoAllowed = table.Column<bool>(type: "INTEGER", nullable: true),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people_persons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "territory_districts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_districts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "territory_info",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    HolidayZone = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_info", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "territory_local_authorities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficialCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_local_authorities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "territory_school_years",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_school_years", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "accounts_users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MustChangePassword = table.Column<bool>(type: "INTEGER", nullable: false),
                    CharterVersionAccepted = table.Column<int>(type: "INTEGER", nullable: false),
                    CharterAcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsDisabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastLoginAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsPupil = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_users", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_users_people_persons_Id",
                        column: x => x.Id,
                        principalTable: "people_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "people_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people_groups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_people_groups_people_persons_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "people_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "people_guardian_links",
                columns: table => new
                {
                    GuardianId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Relationship = table.Column<int>(type: "INTEGER", nullable: false),
                    HasParentalAuthority = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people_guardian_links", x => new { x.GuardianId, x.PupilId });
                    table.ForeignKey(
                        name: "FK_people_guardian_links_people_persons_GuardianId",
                        column: x => x.GuardianId,
                        principalTable: "people_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_people_guardian_links_people_persons_PupilId",
                        column: x => x.PupilId,
                        principalTable: "people_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "people_memberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeType = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SchoolYearId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people_memberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_people_memberships_people_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "territory_local_authority_members",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_local_authority_members", x => new { x.GroupId, x.MunicipalityId });
                    table.ForeignKey(
                        name: "FK_territory_local_authority_members_territory_local_authorities_GroupId",
                        column: x => x.GroupId,
                        principalTable: "territory_local_authorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_territory_local_authority_members_territory_local_authorities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "territory_local_authorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "territory_schools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Uai = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LocalAuthorityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_schools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_territory_schools_territory_districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "territory_districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_territory_schools_territory_local_authorities_LocalAuthorityId",
                        column: x => x.LocalAuthorityId,
                        principalTable: "territory_local_authorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accounts_devices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_devices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_devices_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_user_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_user_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_user_claims_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_user_logins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_user_logins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_accounts_user_logins_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_user_tokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_user_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_accounts_user_tokens_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "people_group_members",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people_group_members", x => new { x.GroupId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_people_group_members_people_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "people_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_people_group_members_people_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "territory_classes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolYearId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Levels = table.Column<int>(type: "INTEGER", nullable: false),
                    Scheme = table.Column<int>(type: "INTEGER", nullable: false),
                    OndeId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territory_classes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_territory_classes_territory_school_years_SchoolYearId",
                        column: x => x.SchoolYearId,
                        principalTable: "territory_school_years",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_territory_classes_territory_schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "territory_schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_charters_Audience_Version",
                table: "accounts_charters",
                columns: new[] { "Audience", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_devices_UserId_TokenHash",
                table: "accounts_devices",
                columns: new[] { "UserId", "TokenHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_login_events_At",
                table: "accounts_login_events",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_login_events_UserId_At",
                table: "accounts_login_events",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_user_claims_UserId",
                table: "accounts_user_claims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_user_logins_UserId",
                table: "accounts_user_logins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "accounts_users",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "accounts_users",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_home_service_settings_ScopeType_ScopeId_ServiceKey",
                table: "home_service_settings",
                columns: new[] { "ScopeType", "ScopeId", "ServiceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_group_members_PersonId",
                table: "people_group_members",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_people_groups_Name",
                table: "people_groups",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_people_groups_OwnerId",
                table: "people_groups",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_people_guardian_links_PupilId",
                table: "people_guardian_links",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_people_memberships_PersonId",
                table: "people_memberships",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_people_memberships_ScopeType_ScopeId_Role",
                table: "people_memberships",
                columns: new[] { "ScopeType", "ScopeId", "Role" });

            migrationBuilder.CreateIndex(
                name: "IX_people_persons_Ine",
                table: "people_persons",
                column: "Ine");

            migrationBuilder.CreateIndex(
                name: "IX_people_persons_LastName_FirstName",
                table: "people_persons",
                columns: new[] { "LastName", "FirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_territory_classes_SchoolId_SchoolYearId",
                table: "territory_classes",
                columns: new[] { "SchoolId", "SchoolYearId" });

            migrationBuilder.CreateIndex(
                name: "IX_territory_classes_SchoolYearId",
                table: "territory_classes",
                column: "SchoolYearId");

            migrationBuilder.CreateIndex(
                name: "IX_territory_districts_Name",
                table: "territory_districts",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_territory_local_authorities_Name",
                table: "territory_local_authorities",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_territory_local_authority_members_MunicipalityId",
                table: "territory_local_authority_members",
                column: "MunicipalityId");

            migrationBuilder.CreateIndex(
                name: "IX_territory_school_years_Label",
                table: "territory_school_years",
                column: "Label",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_territory_schools_DistrictId",
                table: "territory_schools",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_territory_schools_LocalAuthorityId",
                table: "territory_schools",
                column: "LocalAuthorityId");

            migrationBuilder.CreateIndex(
                name: "IX_territory_schools_Name",
                table: "territory_schools",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_territory_schools_Uai",
                table: "territory_schools",
                column: "Uai",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_charters");

            migrationBuilder.DropTable(
                name: "accounts_devices");

            migrationBuilder.DropTable(
                name: "accounts_login_events");

            migrationBuilder.DropTable(
                name: "accounts_user_claims");

            migrationBuilder.DropTable(
                name: "accounts_user_logins");

            migrationBuilder.DropTable(
                name: "accounts_user_tokens");

            migrationBuilder.DropTable(
                name: "home_service_settings");

            migrationBuilder.DropTable(
                name: "people_group_members");

            migrationBuilder.DropTable(
                name: "people_guardian_links");

            migrationBuilder.DropTable(
                name: "people_memberships");

            migrationBuilder.DropTable(
                name: "territory_classes");

            migrationBuilder.DropTable(
                name: "territory_info");

            migrationBuilder.DropTable(
                name: "territory_local_authority_members");

            migrationBuilder.DropTable(
                name: "accounts_users");

            migrationBuilder.DropTable(
                name: "people_groups");

            migrationBuilder.DropTable(
                name: "territory_school_years");

            migrationBuilder.DropTable(
                name: "territory_schools");

            migrationBuilder.DropTable(
                name: "people_persons");

            migrationBuilder.DropTable(
                name: "territory_districts");

            migrationBuilder.DropTable(
                name: "territory_local_authorities");
        }
    }
}
