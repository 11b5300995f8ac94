// Predicted shaking intensity at a distance from a quake, from a published intensity prediction
// equation (IPE) built for global use in active crustal regions:
//
//   Allen, T. I., Wald, D. J. and Worden, C. B. (2012). Intensity attenuation for active crustal
//   regions. Journal of Seismology 16(3), 409-433. doi:10.1007/s10950-012-9278-7
//
// Its hypocentral-distance model (the paper's second IPE, beside the rupture-distance one):
//
//   MMI = c0 + c1·M + c2·ln( sqrt(Rhyp² + Rm²) )                    for Rhyp ≤ 50 km
//   MMI = c0 + c1·M + c2·ln( sqrt(Rhyp² + Rm²) ) + c4·ln(Rhyp / 50)  for Rhyp > 50 km
//   Rm  = m1 + m2·exp(M − 5)     (near-source saturation term, km)
//
//   c0 = 2.085, c1 = 1.428, c2 = −1.402, c4 = 0.078, m1 = −0.209, m2 = 2.042; σ ≈ 0.82 near the source.
//
// The coefficients are the paper's for hypocentral distance, as also implemented in OpenQuake's
// AllenEtAl2012Rhypo. The site term S(Vs30) is left out (an average site): Siaga knows no site
// classes. The hypocentral form is used because BMKG gives a hypocentre, not a rupture plane; for
// large quakes (M ≥ 7) the finite rupture makes the real felt area longer along the fault than
// any circle, which Rm only partly absorbs. The equation was fitted to quakes of about M 5 and
// above: for small quakes it underpredicts what people report (BMKG's "II-III" for an M 1.8).
// M is taken as moment magnitude; BMKG's feeds do not say which magnitude they give.

const C0 = 2.085;
const C1 = 1.428;
const C2 = -1.402;
const C4 = 0.078;
const M1 = -0.209;
const M2 = 2.042;
/** Beyond this hypocentral distance the anelastic term c4 applies, km. */
const R_KINK_KM = 50;

/** Mean predicted MMI (Modified Mercalli Intensity, a real number) at hypocentral distance `hypocentralKm` from a quake of magnitude `magnitude`. */
export function predictMmi(magnitude: number, hypocentralKm: number): number {
  const rm = M1 + M2 * Math.exp(magnitude - 5);
  const r = Math.max(hypocentralKm, 0);
  const mmi = C0 + C1 * magnitude + C2 * Math.log(Math.sqrt(r * r + rm * rm));
  return r > R_KINK_KM ? mmi + C4 * Math.log(r / R_KINK_KM) : mmi;
}
