using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Monolith.Modules.Users.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeyScopesExpiryAndLoginThrottling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expires_at",
                schema: "users",
                table: "api_keys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "scopes",
                schema: "users",
                table: "api_keys",
                type: "text[]",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "throttle_counters",
                schema: "users",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    window_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    blocked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_throttle_counters", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_throttle_counters_window_started_at",
                schema: "users",
                table: "throttle_counters",
                column: "window_started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "throttle_counters",
                schema: "users");

            migrationBuilder.DropColumn(
                name: "expires_at",
                schema: "users",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "scopes",
                schema: "users",
                table: "api_keys");
        }
    }
}
