// Closed-loop referrals: found by id, listed by status.
CREATE CONSTRAINT referral_id IF NOT EXISTS FOR (r:Referral) REQUIRE r.id IS UNIQUE;
CREATE INDEX referral_status IF NOT EXISTS FOR (r:Referral) ON (r.status);
