-- The PgBouncer auth file from the server's SCRAM verifiers:
--   psql -X -At -d thermaliq -f deploy/pgbouncer/userlist.sql > /etc/pgbouncer/userlist.txt
-- as a superuser (pg_authid is readable by superusers only). One line per
-- login role that connects through PgBouncer, "name" "SCRAM-SHA-256$...".
-- Set the passwords with password_encryption = 'scram-sha-256' (the
-- default since PostgreSQL 14); an md5 or missing password is left out.
SELECT format('"%s" "%s"', replace(rolname, '"', '""'), rolpassword)
FROM pg_authid
WHERE rolcanlogin AND rolpassword LIKE 'SCRAM-SHA-256$%'
ORDER BY rolname;
