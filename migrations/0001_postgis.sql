-- What: enable PostGIS.
-- Why: every spatial question Siaga asks (which village holds a household, which households lie in a
-- hazard polygon) is answered by PostGIS with GiST indexes. It lives in `public` so that every schema
-- (one per test) finds it on its search_path.
CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;
