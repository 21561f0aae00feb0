// GENERATED FILE - DO NOT EDIT.
// Source: GS1 Barcode Syntax Dictionary, release 2026-01-27 (Apache-2.0, GS1 AISBL).
// Regenerate from the repository root with: python3 scripts/generate-gs1-table.py
// 541 AIs (ranges expanded). Linters used: couponcode, couponposoffer, csum, csumalpha, gcppos1, gcppos2, hasnondigit,
// hh, hhmi, hyphen, iban, importeridx, iso3166, iso3166999, iso3166alpha2, iso4217, iso5218, latitude, longitude,
// mediatype, mi, nonzero, nozeroprefix, packagetype, pcenc, pieceoftotal, posinseqslash, ss, winding, yesno, yymmd0,
// yymmdd, yyyymmdd, zero.
//
// The table is a string parsed once at first use (GS1AISpecificationParser): an array literal of
// 541 nested struct values took the optimiser minutes to compile in release builds.

extension GS1ApplicationIdentifierTable {
    /// Release date of the GS1 Barcode Syntax Dictionary this table was generated from.
    public static let dictionaryRelease = "2026-01-27"

    /// One AI per line, TAB-separated: AI, flags (`*` predefined length, `?` Digital Link attribute),
    /// components (`[?]<N|X|Y|Z><min>-<max>[,linter...]`), req groups (`;` between attributes, `,` between
    /// alternatives, `+` within one), ex patterns, dlpkey (`-` = not a primary key, `|` between
    /// qualifier sequences), title.
    static let specification = """
    00	*?	N18-18,csum,gcppos2				SSCC
    01	*?	N14-14,csum,gcppos2		255,37	22,10,21|235	GTIN
    02	*?	N14-14,csum,gcppos2	37	01,03	-	CONTENT
    03	*	N14-14,csum,gcppos2		01,02,37	-	MTO GTIN
    10	?	X1-20	01,02,03,8006,8026		-	BATCH/LOT
    11	*?	N6-6,yymmd0	01,02,03,8006,8026		-	PROD DATE
    12	*?	N6-6,yymmd0	8020		-	DUE DATE
    13	*?	N6-6,yymmd0	01,02,03,8006,8026		-	PACK DATE
    15	*?	N6-6,yymmd0	01,02,03,8006,8026		-	BEST BEFORE or BEST BY
    16	*?	N6-6,yymmd0	01,02,03,8006,8026		-	SELL BY
    17	*?	N6-6,yymmd0	01,02,03,255,8006,8026		-	USE BY or EXPIRY
    20	*?	N2-2	01,02,8006,8026		-	VARIANT
    21		X1-20	01,03,8006	235	-	SERIAL
    22		X1-20	01		-	CPV
    235		X1-28	01		-	TPX
    240	?	X1-30	01,02,8006,8026		-	ADDITIONAL ID
    241	?	X1-30	01,02,8006,8026		-	CUST. PART No.
    242	?	N1-6	01,02,8006,8026		-	MTO VARIANT
    243	?	X1-20	01		-	PCN
    250	?	X1-30	01,8006;21		-	SECONDARY SERIAL
    251	?	X1-30	01,8006		-	REF. TO SOURCE
    253	?	N13-13,csum,gcppos1 ?X1-17				GDTI
    254		X1-20	414		-	GLN EXTENSION COMPONENT
    255	?	N13-13,csum,gcppos1 ?N1-12		01,02,415,8006,8020,8026		GCN
    30	?	N1-8	01,02		-	VAR. COUNT
    3100	*?	N6-6	01,02	310n	-	NET WEIGHT (kg)
    3101	*?	N6-6	01,02	310n	-	NET WEIGHT (kg)
    3102	*?	N6-6	01,02	310n	-	NET WEIGHT (kg)
    3103	*?	N6-6	01,02	310n	-	NET WEIGHT (kg)
    3104	*?	N6-6	01,02	310n	-	NET WEIGHT (kg)
    3105	*?	N6-6	01,02	310n	-	NET WEIGHT (kg)
    3110	*?	N6-6	01,02	311n	-	LENGTH (m)
    3111	*?	N6-6	01,02	311n	-	LENGTH (m)
    3112	*?	N6-6	01,02	311n	-	LENGTH (m)
    3113	*?	N6-6	01,02	311n	-	LENGTH (m)
    3114	*?	N6-6	01,02	311n	-	LENGTH (m)
    3115	*?	N6-6	01,02	311n	-	LENGTH (m)
    3120	*?	N6-6	01,02	312n	-	WIDTH (m)
    3121	*?	N6-6	01,02	312n	-	WIDTH (m)
    3122	*?	N6-6	01,02	312n	-	WIDTH (m)
    3123	*?	N6-6	01,02	312n	-	WIDTH (m)
    3124	*?	N6-6	01,02	312n	-	WIDTH (m)
    3125	*?	N6-6	01,02	312n	-	WIDTH (m)
    3130	*?	N6-6	01,02	313n	-	HEIGHT (m)
    3131	*?	N6-6	01,02	313n	-	HEIGHT (m)
    3132	*?	N6-6	01,02	313n	-	HEIGHT (m)
    3133	*?	N6-6	01,02	313n	-	HEIGHT (m)
    3134	*?	N6-6	01,02	313n	-	HEIGHT (m)
    3135	*?	N6-6	01,02	313n	-	HEIGHT (m)
    3140	*?	N6-6	01,02	314n	-	AREA (m²)
    3141	*?	N6-6	01,02	314n	-	AREA (m²)
    3142	*?	N6-6	01,02	314n	-	AREA (m²)
    3143	*?	N6-6	01,02	314n	-	AREA (m²)
    3144	*?	N6-6	01,02	314n	-	AREA (m²)
    3145	*?	N6-6	01,02	314n	-	AREA (m²)
    3150	*?	N6-6	01,02	315n	-	NET VOLUME (l)
    3151	*?	N6-6	01,02	315n	-	NET VOLUME (l)
    3152	*?	N6-6	01,02	315n	-	NET VOLUME (l)
    3153	*?	N6-6	01,02	315n	-	NET VOLUME (l)
    3154	*?	N6-6	01,02	315n	-	NET VOLUME (l)
    3155	*?	N6-6	01,02	315n	-	NET VOLUME (l)
    3160	*?	N6-6	01,02	316n	-	NET VOLUME (m³)
    3161	*?	N6-6	01,02	316n	-	NET VOLUME (m³)
    3162	*?	N6-6	01,02	316n	-	NET VOLUME (m³)
    3163	*?	N6-6	01,02	316n	-	NET VOLUME (m³)
    3164	*?	N6-6	01,02	316n	-	NET VOLUME (m³)
    3165	*?	N6-6	01,02	316n	-	NET VOLUME (m³)
    3200	*?	N6-6	01,02	320n	-	NET WEIGHT (lb)
    3201	*?	N6-6	01,02	320n	-	NET WEIGHT (lb)
    3202	*?	N6-6	01,02	320n	-	NET WEIGHT (lb)
    3203	*?	N6-6	01,02	320n	-	NET WEIGHT (lb)
    3204	*?	N6-6	01,02	320n	-	NET WEIGHT (lb)
    3205	*?	N6-6	01,02	320n	-	NET WEIGHT (lb)
    3210	*?	N6-6	01,02	321n	-	LENGTH (in)
    3211	*?	N6-6	01,02	321n	-	LENGTH (in)
    3212	*?	N6-6	01,02	321n	-	LENGTH (in)
    3213	*?	N6-6	01,02	321n	-	LENGTH (in)
    3214	*?	N6-6	01,02	321n	-	LENGTH (in)
    3215	*?	N6-6	01,02	321n	-	LENGTH (in)
    3220	*?	N6-6	01,02	322n	-	LENGTH (ft)
    3221	*?	N6-6	01,02	322n	-	LENGTH (ft)
    3222	*?	N6-6	01,02	322n	-	LENGTH (ft)
    3223	*?	N6-6	01,02	322n	-	LENGTH (ft)
    3224	*?	N6-6	01,02	322n	-	LENGTH (ft)
    3225	*?	N6-6	01,02	322n	-	LENGTH (ft)
    3230	*?	N6-6	01,02	323n	-	LENGTH (yd)
    3231	*?	N6-6	01,02	323n	-	LENGTH (yd)
    3232	*?	N6-6	01,02	323n	-	LENGTH (yd)
    3233	*?	N6-6	01,02	323n	-	LENGTH (yd)
    3234	*?	N6-6	01,02	323n	-	LENGTH (yd)
    3235	*?	N6-6	01,02	323n	-	LENGTH (yd)
    3240	*?	N6-6	01,02	324n	-	WIDTH (in)
    3241	*?	N6-6	01,02	324n	-	WIDTH (in)
    3242	*?	N6-6	01,02	324n	-	WIDTH (in)
    3243	*?	N6-6	01,02	324n	-	WIDTH (in)
    3244	*?	N6-6	01,02	324n	-	WIDTH (in)
    3245	*?	N6-6	01,02	324n	-	WIDTH (in)
    3250	*?	N6-6	01,02	325n	-	WIDTH (ft)
    3251	*?	N6-6	01,02	325n	-	WIDTH (ft)
    3252	*?	N6-6	01,02	325n	-	WIDTH (ft)
    3253	*?	N6-6	01,02	325n	-	WIDTH (ft)
    3254	*?	N6-6	01,02	325n	-	WIDTH (ft)
    3255	*?	N6-6	01,02	325n	-	WIDTH (ft)
    3260	*?	N6-6	01,02	326n	-	WIDTH (yd)
    3261	*?	N6-6	01,02	326n	-	WIDTH (yd)
    3262	*?	N6-6	01,02	326n	-	WIDTH (yd)
    3263	*?	N6-6	01,02	326n	-	WIDTH (yd)
    3264	*?	N6-6	01,02	326n	-	WIDTH (yd)
    3265	*?	N6-6	01,02	326n	-	WIDTH (yd)
    3270	*?	N6-6	01,02	327n	-	HEIGHT (in)
    3271	*?	N6-6	01,02	327n	-	HEIGHT (in)
    3272	*?	N6-6	01,02	327n	-	HEIGHT (in)
    3273	*?	N6-6	01,02	327n	-	HEIGHT (in)
    3274	*?	N6-6	01,02	327n	-	HEIGHT (in)
    3275	*?	N6-6	01,02	327n	-	HEIGHT (in)
    3280	*?	N6-6	01,02	328n	-	HEIGHT (ft)
    3281	*?	N6-6	01,02	328n	-	HEIGHT (ft)
    3282	*?	N6-6	01,02	328n	-	HEIGHT (ft)
    3283	*?	N6-6	01,02	328n	-	HEIGHT (ft)
    3284	*?	N6-6	01,02	328n	-	HEIGHT (ft)
    3285	*?	N6-6	01,02	328n	-	HEIGHT (ft)
    3290	*?	N6-6	01,02	329n	-	HEIGHT (yd)
    3291	*?	N6-6	01,02	329n	-	HEIGHT (yd)
    3292	*?	N6-6	01,02	329n	-	HEIGHT (yd)
    3293	*?	N6-6	01,02	329n	-	HEIGHT (yd)
    3294	*?	N6-6	01,02	329n	-	HEIGHT (yd)
    3295	*?	N6-6	01,02	329n	-	HEIGHT (yd)
    3300	*?	N6-6	00,01	330n	-	GROSS WEIGHT (kg)
    3301	*?	N6-6	00,01	330n	-	GROSS WEIGHT (kg)
    3302	*?	N6-6	00,01	330n	-	GROSS WEIGHT (kg)
    3303	*?	N6-6	00,01	330n	-	GROSS WEIGHT (kg)
    3304	*?	N6-6	00,01	330n	-	GROSS WEIGHT (kg)
    3305	*?	N6-6	00,01	330n	-	GROSS WEIGHT (kg)
    3310	*?	N6-6	00,01	331n	-	LENGTH (m), log
    3311	*?	N6-6	00,01	331n	-	LENGTH (m), log
    3312	*?	N6-6	00,01	331n	-	LENGTH (m), log
    3313	*?	N6-6	00,01	331n	-	LENGTH (m), log
    3314	*?	N6-6	00,01	331n	-	LENGTH (m), log
    3315	*?	N6-6	00,01	331n	-	LENGTH (m), log
    3320	*?	N6-6	00,01	332n	-	WIDTH (m), log
    3321	*?	N6-6	00,01	332n	-	WIDTH (m), log
    3322	*?	N6-6	00,01	332n	-	WIDTH (m), log
    3323	*?	N6-6	00,01	332n	-	WIDTH (m), log
    3324	*?	N6-6	00,01	332n	-	WIDTH (m), log
    3325	*?	N6-6	00,01	332n	-	WIDTH (m), log
    3330	*?	N6-6	00,01	333n	-	HEIGHT (m), log
    3331	*?	N6-6	00,01	333n	-	HEIGHT (m), log
    3332	*?	N6-6	00,01	333n	-	HEIGHT (m), log
    3333	*?	N6-6	00,01	333n	-	HEIGHT (m), log
    3334	*?	N6-6	00,01	333n	-	HEIGHT (m), log
    3335	*?	N6-6	00,01	333n	-	HEIGHT (m), log
    3340	*?	N6-6	00,01	334n	-	AREA (m²), log
    3341	*?	N6-6	00,01	334n	-	AREA (m²), log
    3342	*?	N6-6	00,01	334n	-	AREA (m²), log
    3343	*?	N6-6	00,01	334n	-	AREA (m²), log
    3344	*?	N6-6	00,01	334n	-	AREA (m²), log
    3345	*?	N6-6	00,01	334n	-	AREA (m²), log
    3350	*?	N6-6	00,01	335n	-	VOLUME (l), log
    3351	*?	N6-6	00,01	335n	-	VOLUME (l), log
    3352	*?	N6-6	00,01	335n	-	VOLUME (l), log
    3353	*?	N6-6	00,01	335n	-	VOLUME (l), log
    3354	*?	N6-6	00,01	335n	-	VOLUME (l), log
    3355	*?	N6-6	00,01	335n	-	VOLUME (l), log
    3360	*?	N6-6	00,01	336n	-	VOLUME (m³), log
    3361	*?	N6-6	00,01	336n	-	VOLUME (m³), log
    3362	*?	N6-6	00,01	336n	-	VOLUME (m³), log
    3363	*?	N6-6	00,01	336n	-	VOLUME (m³), log
    3364	*?	N6-6	00,01	336n	-	VOLUME (m³), log
    3365	*?	N6-6	00,01	336n	-	VOLUME (m³), log
    3370	*?	N6-6	01	337n	-	KG PER m²
    3371	*?	N6-6	01	337n	-	KG PER m²
    3372	*?	N6-6	01	337n	-	KG PER m²
    3373	*?	N6-6	01	337n	-	KG PER m²
    3374	*?	N6-6	01	337n	-	KG PER m²
    3375	*?	N6-6	01	337n	-	KG PER m²
    3400	*?	N6-6	00,01	340n	-	GROSS WEIGHT (lb)
    3401	*?	N6-6	00,01	340n	-	GROSS WEIGHT (lb)
    3402	*?	N6-6	00,01	340n	-	GROSS WEIGHT (lb)
    3403	*?	N6-6	00,01	340n	-	GROSS WEIGHT (lb)
    3404	*?	N6-6	00,01	340n	-	GROSS WEIGHT (lb)
    3405	*?	N6-6	00,01	340n	-	GROSS WEIGHT (lb)
    3410	*?	N6-6	00,01	341n	-	LENGTH (in), log
    3411	*?	N6-6	00,01	341n	-	LENGTH (in), log
    3412	*?	N6-6	00,01	341n	-	LENGTH (in), log
    3413	*?	N6-6	00,01	341n	-	LENGTH (in), log
    3414	*?	N6-6	00,01	341n	-	LENGTH (in), log
    3415	*?	N6-6	00,01	341n	-	LENGTH (in), log
    3420	*?	N6-6	00,01	342n	-	LENGTH (ft), log
    3421	*?	N6-6	00,01	342n	-	LENGTH (ft), log
    3422	*?	N6-6	00,01	342n	-	LENGTH (ft), log
    3423	*?	N6-6	00,01	342n	-	LENGTH (ft), log
    3424	*?	N6-6	00,01	342n	-	LENGTH (ft), log
    3425	*?	N6-6	00,01	342n	-	LENGTH (ft), log
    3430	*?	N6-6	00,01	343n	-	LENGTH (yd), log
    3431	*?	N6-6	00,01	343n	-	LENGTH (yd), log
    3432	*?	N6-6	00,01	343n	-	LENGTH (yd), log
    3433	*?	N6-6	00,01	343n	-	LENGTH (yd), log
    3434	*?	N6-6	00,01	343n	-	LENGTH (yd), log
    3435	*?	N6-6	00,01	343n	-	LENGTH (yd), log
    3440	*?	N6-6	00,01	344n	-	WIDTH (in), log
    3441	*?	N6-6	00,01	344n	-	WIDTH (in), log
    3442	*?	N6-6	00,01	344n	-	WIDTH (in), log
    3443	*?	N6-6	00,01	344n	-	WIDTH (in), log
    3444	*?	N6-6	00,01	344n	-	WIDTH (in), log
    3445	*?	N6-6	00,01	344n	-	WIDTH (in), log
    3450	*?	N6-6	00,01	345n	-	WIDTH (ft), log
    3451	*?	N6-6	00,01	345n	-	WIDTH (ft), log
    3452	*?	N6-6	00,01	345n	-	WIDTH (ft), log
    3453	*?	N6-6	00,01	345n	-	WIDTH (ft), log
    3454	*?	N6-6	00,01	345n	-	WIDTH (ft), log
    3455	*?	N6-6	00,01	345n	-	WIDTH (ft), log
    3460	*?	N6-6	00,01	346n	-	WIDTH (yd), log
    3461	*?	N6-6	00,01	346n	-	WIDTH (yd), log
    3462	*?	N6-6	00,01	346n	-	WIDTH (yd), log
    3463	*?	N6-6	00,01	346n	-	WIDTH (yd), log
    3464	*?	N6-6	00,01	346n	-	WIDTH (yd), log
    3465	*?	N6-6	00,01	346n	-	WIDTH (yd), log
    3470	*?	N6-6	00,01	347n	-	HEIGHT (in), log
    3471	*?	N6-6	00,01	347n	-	HEIGHT (in), log
    3472	*?	N6-6	00,01	347n	-	HEIGHT (in), log
    3473	*?	N6-6	00,01	347n	-	HEIGHT (in), log
    3474	*?	N6-6	00,01	347n	-	HEIGHT (in), log
    3475	*?	N6-6	00,01	347n	-	HEIGHT (in), log
    3480	*?	N6-6	00,01	348n	-	HEIGHT (ft), log
    3481	*?	N6-6	00,01	348n	-	HEIGHT (ft), log
    3482	*?	N6-6	00,01	348n	-	HEIGHT (ft), log
    3483	*?	N6-6	00,01	348n	-	HEIGHT (ft), log
    3484	*?	N6-6	00,01	348n	-	HEIGHT (ft), log
    3485	*?	N6-6	00,01	348n	-	HEIGHT (ft), log
    3490	*?	N6-6	00,01	349n	-	HEIGHT (yd), log
    3491	*?	N6-6	00,01	349n	-	HEIGHT (yd), log
    3492	*?	N6-6	00,01	349n	-	HEIGHT (yd), log
    3493	*?	N6-6	00,01	349n	-	HEIGHT (yd), log
    3494	*?	N6-6	00,01	349n	-	HEIGHT (yd), log
    3495	*?	N6-6	00,01	349n	-	HEIGHT (yd), log
    3500	*?	N6-6	01,02	350n	-	AREA (in²)
    3501	*?	N6-6	01,02	350n	-	AREA (in²)
    3502	*?	N6-6	01,02	350n	-	AREA (in²)
    3503	*?	N6-6	01,02	350n	-	AREA (in²)
    3504	*?	N6-6	01,02	350n	-	AREA (in²)
    3505	*?	N6-6	01,02	350n	-	AREA (in²)
    3510	*?	N6-6	01,02	351n	-	AREA (ft²)
    3511	*?	N6-6	01,02	351n	-	AREA (ft²)
    3512	*?	N6-6	01,02	351n	-	AREA (ft²)
    3513	*?	N6-6	01,02	351n	-	AREA (ft²)
    3514	*?	N6-6	01,02	351n	-	AREA (ft²)
    3515	*?	N6-6	01,02	351n	-	AREA (ft²)
    3520	*?	N6-6	01,02	352n	-	AREA (yd²)
    3521	*?	N6-6	01,02	352n	-	AREA (yd²)
    3522	*?	N6-6	01,02	352n	-	AREA (yd²)
    3523	*?	N6-6	01,02	352n	-	AREA (yd²)
    3524	*?	N6-6	01,02	352n	-	AREA (yd²)
    3525	*?	N6-6	01,02	352n	-	AREA (yd²)
    3530	*?	N6-6	00,01	353n	-	AREA (in²), log
    3531	*?	N6-6	00,01	353n	-	AREA (in²), log
    3532	*?	N6-6	00,01	353n	-	AREA (in²), log
    3533	*?	N6-6	00,01	353n	-	AREA (in²), log
    3534	*?	N6-6	00,01	353n	-	AREA (in²), log
    3535	*?	N6-6	00,01	353n	-	AREA (in²), log
    3540	*?	N6-6	00,01	354n	-	AREA (ft²), log
    3541	*?	N6-6	00,01	354n	-	AREA (ft²), log
    3542	*?	N6-6	00,01	354n	-	AREA (ft²), log
    3543	*?	N6-6	00,01	354n	-	AREA (ft²), log
    3544	*?	N6-6	00,01	354n	-	AREA (ft²), log
    3545	*?	N6-6	00,01	354n	-	AREA (ft²), log
    3550	*?	N6-6	00,01	355n	-	AREA (yd²), log
    3551	*?	N6-6	00,01	355n	-	AREA (yd²), log
    3552	*?	N6-6	00,01	355n	-	AREA (yd²), log
    3553	*?	N6-6	00,01	355n	-	AREA (yd²), log
    3554	*?	N6-6	00,01	355n	-	AREA (yd²), log
    3555	*?	N6-6	00,01	355n	-	AREA (yd²), log
    3560	*?	N6-6	01,02	356n	-	NET WEIGHT (tr oz)
    3561	*?	N6-6	01,02	356n	-	NET WEIGHT (tr oz)
    3562	*?	N6-6	01,02	356n	-	NET WEIGHT (tr oz)
    3563	*?	N6-6	01,02	356n	-	NET WEIGHT (tr oz)
    3564	*?	N6-6	01,02	356n	-	NET WEIGHT (tr oz)
    3565	*?	N6-6	01,02	356n	-	NET WEIGHT (tr oz)
    3570	*?	N6-6	01,02	357n	-	NET VOLUME (oz)
    3571	*?	N6-6	01,02	357n	-	NET VOLUME (oz)
    3572	*?	N6-6	01,02	357n	-	NET VOLUME (oz)
    3573	*?	N6-6	01,02	357n	-	NET VOLUME (oz)
    3574	*?	N6-6	01,02	357n	-	NET VOLUME (oz)
    3575	*?	N6-6	01,02	357n	-	NET VOLUME (oz)
    3600	*?	N6-6	01,02	360n	-	NET VOLUME (qt (US))
    3601	*?	N6-6	01,02	360n	-	NET VOLUME (qt (US))
    3602	*?	N6-6	01,02	360n	-	NET VOLUME (qt (US))
    3603	*?	N6-6	01,02	360n	-	NET VOLUME (qt (US))
    3604	*?	N6-6	01,02	360n	-	NET VOLUME (qt (US))
    3605	*?	N6-6	01,02	360n	-	NET VOLUME (qt (US))
    3610	*?	N6-6	01,02	361n	-	NET VOLUME (gal.)
    3611	*?	N6-6	01,02	361n	-	NET VOLUME (gal.)
    3612	*?	N6-6	01,02	361n	-	NET VOLUME (gal.)
    3613	*?	N6-6	01,02	361n	-	NET VOLUME (gal.)
    3614	*?	N6-6	01,02	361n	-	NET VOLUME (gal.)
    3615	*?	N6-6	01,02	361n	-	NET VOLUME (gal.)
    3620	*?	N6-6	00,01	362n	-	VOLUME (qt (US)), log
    3621	*?	N6-6	00,01	362n	-	VOLUME (qt (US)), log
    3622	*?	N6-6	00,01	362n	-	VOLUME (qt (US)), log
    3623	*?	N6-6	00,01	362n	-	VOLUME (qt (US)), log
    3624	*?	N6-6	00,01	362n	-	VOLUME (qt (US)), log
    3625	*?	N6-6	00,01	362n	-	VOLUME (qt (US)), log
    3630	*?	N6-6	00,01	363n	-	VOLUME (gal (US)), log
    3631	*?	N6-6	00,01	363n	-	VOLUME (gal (US)), log
    3632	*?	N6-6	00,01	363n	-	VOLUME (gal (US)), log
    3633	*?	N6-6	00,01	363n	-	VOLUME (gal (US)), log
    3634	*?	N6-6	00,01	363n	-	VOLUME (gal (US)), log
    3635	*?	N6-6	00,01	363n	-	VOLUME (gal (US)), log
    3640	*?	N6-6	01,02	364n	-	NET VOLUME (in³)
    3641	*?	N6-6	01,02	364n	-	NET VOLUME (in³)
    3642	*?	N6-6	01,02	364n	-	NET VOLUME (in³)
    3643	*?	N6-6	01,02	364n	-	NET VOLUME (in³)
    3644	*?	N6-6	01,02	364n	-	NET VOLUME (in³)
    3645	*?	N6-6	01,02	364n	-	NET VOLUME (in³)
    3650	*?	N6-6	01,02	365n	-	NET VOLUME (ft³)
    3651	*?	N6-6	01,02	365n	-	NET VOLUME (ft³)
    3652	*?	N6-6	01,02	365n	-	NET VOLUME (ft³)
    3653	*?	N6-6	01,02	365n	-	NET VOLUME (ft³)
    3654	*?	N6-6	01,02	365n	-	NET VOLUME (ft³)
    3655	*?	N6-6	01,02	365n	-	NET VOLUME (ft³)
    3660	*?	N6-6	01,02	366n	-	NET VOLUME (yd³)
    3661	*?	N6-6	01,02	366n	-	NET VOLUME (yd³)
    3662	*?	N6-6	01,02	366n	-	NET VOLUME (yd³)
    3663	*?	N6-6	01,02	366n	-	NET VOLUME (yd³)
    3664	*?	N6-6	01,02	366n	-	NET VOLUME (yd³)
    3665	*?	N6-6	01,02	366n	-	NET VOLUME (yd³)
    3670	*?	N6-6	00,01	367n	-	VOLUME (in³), log
    3671	*?	N6-6	00,01	367n	-	VOLUME (in³), log
    3672	*?	N6-6	00,01	367n	-	VOLUME (in³), log
    3673	*?	N6-6	00,01	367n	-	VOLUME (in³), log
    3674	*?	N6-6	00,01	367n	-	VOLUME (in³), log
    3675	*?	N6-6	00,01	367n	-	VOLUME (in³), log
    3680	*?	N6-6	00,01	368n	-	VOLUME (ft³), log
    3681	*?	N6-6	00,01	368n	-	VOLUME (ft³), log
    3682	*?	N6-6	00,01	368n	-	VOLUME (ft³), log
    3683	*?	N6-6	00,01	368n	-	VOLUME (ft³), log
    3684	*?	N6-6	00,01	368n	-	VOLUME (ft³), log
    3685	*?	N6-6	00,01	368n	-	VOLUME (ft³), log
    3690	*?	N6-6	00,01	369n	-	VOLUME (yd³), log
    3691	*?	N6-6	00,01	369n	-	VOLUME (yd³), log
    3692	*?	N6-6	00,01	369n	-	VOLUME (yd³), log
    3693	*?	N6-6	00,01	369n	-	VOLUME (yd³), log
    3694	*?	N6-6	00,01	369n	-	VOLUME (yd³), log
    3695	*?	N6-6	00,01	369n	-	VOLUME (yd³), log
    37	?	N1-8	00;02,8026		-	COUNT
    3900	?	N1-15	255,8020	390n,391n,394n,8111	-	AMOUNT
    3901	?	N1-15	255,8020	390n,391n,394n,8111	-	AMOUNT
    3902	?	N1-15	255,8020	390n,391n,394n,8111	-	AMOUNT
    3903	?	N1-15	255,8020	390n,391n,394n,8111	-	AMOUNT
    3904	?	N1-15	255,8020	390n,391n,394n,8111	-	AMOUNT
    3905	?	N1-15	255,8020	390n,391n,394n,8111	-	AMOUNT
    3906	?	N1-15	255,8020	390n,391n,394n,8111	-	AMOUNT
    3907	?	N1-15	255,8020	390n,391n,394n,8111	-	AMOUNT
    3908	?	N1-15	255,8020	390n,391n,394n,8111	-	AMOUNT
    3909	?	N1-15	255,8020	390n,391n,394n,8111	-	AMOUNT
    3910	?	N3-3,iso4217 N1-15	8020	391n	-	AMOUNT
    3911	?	N3-3,iso4217 N1-15	8020	391n	-	AMOUNT
    3912	?	N3-3,iso4217 N1-15	8020	391n	-	AMOUNT
    3913	?	N3-3,iso4217 N1-15	8020	391n	-	AMOUNT
    3914	?	N3-3,iso4217 N1-15	8020	391n	-	AMOUNT
    3915	?	N3-3,iso4217 N1-15	8020	391n	-	AMOUNT
    3916	?	N3-3,iso4217 N1-15	8020	391n	-	AMOUNT
    3917	?	N3-3,iso4217 N1-15	8020	391n	-	AMOUNT
    3918	?	N3-3,iso4217 N1-15	8020	391n	-	AMOUNT
    3919	?	N3-3,iso4217 N1-15	8020	391n	-	AMOUNT
    3920	?	N1-15	01;30,31nn,32nn,35nn,36nn	392n,393n	-	PRICE
    3921	?	N1-15	01;30,31nn,32nn,35nn,36nn	392n,393n	-	PRICE
    3922	?	N1-15	01;30,31nn,32nn,35nn,36nn	392n,393n	-	PRICE
    3923	?	N1-15	01;30,31nn,32nn,35nn,36nn	392n,393n	-	PRICE
    3924	?	N1-15	01;30,31nn,32nn,35nn,36nn	392n,393n	-	PRICE
    3925	?	N1-15	01;30,31nn,32nn,35nn,36nn	392n,393n	-	PRICE
    3926	?	N1-15	01;30,31nn,32nn,35nn,36nn	392n,393n	-	PRICE
    3927	?	N1-15	01;30,31nn,32nn,35nn,36nn	392n,393n	-	PRICE
    3928	?	N1-15	01;30,31nn,32nn,35nn,36nn	392n,393n	-	PRICE
    3929	?	N1-15	01;30,31nn,32nn,35nn,36nn	392n,393n	-	PRICE
    3930	?	N3-3,iso4217 N1-15	30,31nn,32nn,35nn,36nn	393n	-	PRICE
    3931	?	N3-3,iso4217 N1-15	30,31nn,32nn,35nn,36nn	393n	-	PRICE
    3932	?	N3-3,iso4217 N1-15	30,31nn,32nn,35nn,36nn	393n	-	PRICE
    3933	?	N3-3,iso4217 N1-15	30,31nn,32nn,35nn,36nn	393n	-	PRICE
    3934	?	N3-3,iso4217 N1-15	30,31nn,32nn,35nn,36nn	393n	-	PRICE
    3935	?	N3-3,iso4217 N1-15	30,31nn,32nn,35nn,36nn	393n	-	PRICE
    3936	?	N3-3,iso4217 N1-15	30,31nn,32nn,35nn,36nn	393n	-	PRICE
    3937	?	N3-3,iso4217 N1-15	30,31nn,32nn,35nn,36nn	393n	-	PRICE
    3938	?	N3-3,iso4217 N1-15	30,31nn,32nn,35nn,36nn	393n	-	PRICE
    3939	?	N3-3,iso4217 N1-15	30,31nn,32nn,35nn,36nn	393n	-	PRICE
    3940	?	N4-4	255	394n,8111	-	PRCNT OFF
    3941	?	N4-4	255	394n,8111	-	PRCNT OFF
    3942	?	N4-4	255	394n,8111	-	PRCNT OFF
    3943	?	N4-4	255	394n,8111	-	PRCNT OFF
    3950	?	N6-6	30,31nn,32nn,35nn,36nn	392n,393n,395n,8005	-	PRICE/UoM
    3951	?	N6-6	30,31nn,32nn,35nn,36nn	392n,393n,395n,8005	-	PRICE/UoM
    3952	?	N6-6	30,31nn,32nn,35nn,36nn	392n,393n,395n,8005	-	PRICE/UoM
    3953	?	N6-6	30,31nn,32nn,35nn,36nn	392n,393n,395n,8005	-	PRICE/UoM
    3954	?	N6-6	30,31nn,32nn,35nn,36nn	392n,393n,395n,8005	-	PRICE/UoM
    3955	?	N6-6	30,31nn,32nn,35nn,36nn	392n,393n,395n,8005	-	PRICE/UoM
    400	?	X1-30			-	ORDER NUMBER
    401	?	X1-30,gcppos1				GINC
    402	?	N17-17,csum,gcppos1				GSIN
    403	?	X1-30	00		-	ROUTE
    410	*?	N13-13,csum,gcppos1			-	SHIP TO LOC
    411	*?	N13-13,csum,gcppos1			-	BILL TO
    412	*?	N13-13,csum,gcppos1			-	PURCHASE FROM
    413	*?	N13-13,csum,gcppos1			-	SHIP FOR LOC
    414	*?	N13-13,csum,gcppos1			254|7040	LOC No.
    415	*?	N13-13,csum,gcppos1	8020		8020	PAY TO
    416	*?	N13-13,csum,gcppos1			-	PROD/SERV LOC
    417	*?	N13-13,csum,gcppos1			7040	PARTY
    420	?	X1-20		421	-	SHIP TO POST
    421	?	N3-3,iso3166 X1-9		4307	-	SHIP TO POST
    422	?	N3-3,iso3166	01,02,8006,8026	426	-	ORIGIN
    423	?	N3-3,iso3166 ?N3-3,iso3166 ?N3-3,iso3166 ?N3-3,iso3166 ?N3-3,iso3166	01,02	426	-	COUNTRY - INITIAL PROCESS
    424	?	N3-3,iso3166	01,02	426	-	COUNTRY - PROCESS
    425	?	N3-3,iso3166 ?N3-3,iso3166 ?N3-3,iso3166 ?N3-3,iso3166 ?N3-3,iso3166	01,02	426	-	COUNTRY - DISASSEMBLY
    426	?	N3-3,iso3166	01,02		-	COUNTRY - FULL PROCESS
    427	?	X1-3	01,02;422		-	ORIGIN SUBDIVISION
    4300	?	X1-35,pcenc	00		-	SHIP TO COMP
    4301	?	X1-35,pcenc	00		-	SHIP TO NAME
    4302	?	X1-70,pcenc	00		-	SHIP TO ADD1
    4303	?	X1-70,pcenc	4302		-	SHIP TO ADD2
    4304	?	X1-70,pcenc	00		-	SHIP TO SUB
    4305	?	X1-70,pcenc	00		-	SHIP TO LOC
    4306	?	X1-70,pcenc	00		-	SHIP TO REG
    4307	?	X2-2,iso3166alpha2	00		-	SHIP TO COUNTRY
    4308	?	X1-30	00		-	SHIP TO PHONE
    4309	?	N10-10,latitude N10-10,longitude	00		-	SHIP TO GEO
    4310	?	X1-35,pcenc	00		-	RTN TO COMP
    4311	?	X1-35,pcenc	00		-	RTN TO NAME
    4312	?	X1-70,pcenc	00		-	RTN TO ADD1
    4313	?	X1-70,pcenc	4312		-	RTN TO ADD2
    4314	?	X1-70,pcenc	00		-	RTN TO SUB
    4315	?	X1-70,pcenc	00		-	RTN TO LOC
    4316	?	X1-70,pcenc	00		-	RTN TO REG
    4317	?	X2-2,iso3166alpha2	00		-	RTN TO COUNTRY
    4318	?	X1-20	00		-	RTN TO POST
    4319	?	X1-30	00		-	RTN TO PHONE
    4320	?	X1-35,pcenc	00		-	SRV DESCRIPTION
    4321	?	N1-1,yesno	00		-	DANGEROUS GOODS
    4322	?	N1-1,yesno	00		-	AUTH TO LEAVE
    4323	?	N1-1,yesno	00		-	SIG REQUIRED
    4324	?	N6-6,yymmd0 N4-4,hhmi	00		-	NOT BEF DEL DT
    4325	?	N6-6,yymmd0 N4-4,hhmi	00		-	NOT AFT DEL DT
    4326	?	N6-6,yymmdd	00		-	REL DATE
    4330	?	N6-6 ?X1-1,hyphen	00	4331	-	MAX TEMP F.
    4331	?	N6-6 ?X1-1,hyphen	00	4330	-	MAX TEMP C.
    4332	?	N6-6 ?X1-1,hyphen	00	4333	-	MIN TEMP F.
    4333	?	N6-6 ?X1-1,hyphen	00	4332	-	MIN TEMP C.
    7001	?	N13-13	01,02,8006,8026		-	NSN
    7002	?	X1-30	01,02		-	MEAT CUT
    7003	?	N6-6,yymmdd N4-4,hhmi	01,02		-	EXPIRY TIME
    7004	?	N1-4	01+10		-	ACTIVE POTENCY
    7005	?	X1-12	01,02		-	CATCH AREA
    7006	?	N6-6,yymmdd	01,02		-	FIRST FREEZE DATE
    7007	?	N6-6,yymmdd ?N6-6,yymmdd	01,02		-	HARVEST DATE
    7008	?	X1-3	01,02		-	AQUATIC SPECIES
    7009	?	X1-10	01,02		-	FISHING GEAR TYPE
    7010	?	X1-2	01,02		-	PROD METHOD
    7011	?	N6-6,yymmdd ?N4-4,hhmi	01,02		-	TEST BY DATE
    7020	?	X1-20	01,8006;416		-	REFURB LOT
    7021	?	X1-20	01,8006		-	FUNC STAT
    7022	?	X1-20	7021		-	REV STAT
    7023	?	X1-30,gcppos1			-	GIAI - ASSEMBLY
    7030	?	N3-3,iso3166999 X1-27	01,02		-	PROCESSOR # 0
    7031	?	N3-3,iso3166999 X1-27	01,02		-	PROCESSOR # 1
    7032	?	N3-3,iso3166999 X1-27	01,02		-	PROCESSOR # 2
    7033	?	N3-3,iso3166999 X1-27	01,02		-	PROCESSOR # 3
    7034	?	N3-3,iso3166999 X1-27	01,02		-	PROCESSOR # 4
    7035	?	N3-3,iso3166999 X1-27	01,02		-	PROCESSOR # 5
    7036	?	N3-3,iso3166999 X1-27	01,02		-	PROCESSOR # 6
    7037	?	N3-3,iso3166999 X1-27	01,02		-	PROCESSOR # 7
    7038	?	N3-3,iso3166999 X1-27	01,02		-	PROCESSOR # 8
    7039	?	N3-3,iso3166999 X1-27	01,02		-	PROCESSOR # 9
    7040		N1-1 X1-1 X1-1 X1-1,importeridx			-	UIC+EXT
    7041		X1-4,packagetype	00		-	UFRGT UNIT TYPE
    710	?	X1-20	01		-	NHRN PZN
    711	?	X1-20	01		-	NHRN CIP
    712	?	X1-20	01		-	NHRN CN
    713	?	X1-20	01		-	NHRN DRN
    714	?	X1-20	01		-	NHRN AIM
    715	?	X1-20	01		-	NHRN NDC
    716	?	X1-20	01		-	NHRN AIC
    717	?	X1-20	01		-	NHRN SRN
    7230	?	X2-2 X1-28	01,8004		-	CERT # 1
    7231	?	X2-2 X1-28	01,8004		-	CERT # 2
    7232	?	X2-2 X1-28	01,8004		-	CERT # 3
    7233	?	X2-2 X1-28	01,8004		-	CERT # 4
    7234	?	X2-2 X1-28	01,8004		-	CERT # 5
    7235	?	X2-2 X1-28	01,8004		-	CERT # 6
    7236	?	X2-2 X1-28	01,8004		-	CERT # 7
    7237	?	X2-2 X1-28	01,8004		-	CERT # 8
    7238	?	X2-2 X1-28	01,8004		-	CERT # 9
    7239	?	X2-2 X1-28	01,8004		-	CERT # 10
    7240	?	X1-20	01,8006		-	PROTOCOL
    7241	?	N2-2,mediatype	8017,8018		-	AIDC MEDIA TYPE
    7242	?	X1-25	8017,8018		-	VCN
    7250	?	N8-8,yyyymmdd	8018	7251	-	DOB
    7251	?	N8-8,yyyymmdd N4-4,hhmi	8018	7250	-	DOB TIME
    7252	?	N1-1,iso5218	8018		-	BIO SEX
    7253	?	X1-40,pcenc	8017,8018	7256,7259	-	FAMILY NAME
    7254	?	X1-40,pcenc	8017,8018	7256,7259	-	GIVEN NAME
    7255	?	X1-10	8017,8018	7256,7259	-	SUFFIX
    7256	?	X1-90,pcenc	8017,8018		-	FULL NAME
    7257	?	X1-70,pcenc	8018		-	PERSON ADDR
    7258	?	X3-3,posinseqslash	8018+7259		-	BIRTH SEQUENCE
    7259	?	X1-40,pcenc	8018	7256	-	BABY
    8001	?	N4-4,nonzero N5-5,nonzero N3-3,nonzero N1-1,winding N1-1	01		-	DIMENSIONS
    8002	?	X1-20			-	CMT No.
    8003	?	N1-1,zero N13-13,csum,gcppos1 ?X1-16				GRAI
    8004	?	X1-30,gcppos1			7040	GIAI
    8005	?	N6-6	01,02		-	PRICE PER UNIT
    8006	?	N14-14,csum,gcppos2 N4-4,pieceoftotal		01,37	22,10,21	ITIP
    8007	?	X1-34,iban	415		-	IBAN
    8008	?	N6-6,yymmdd N2-2,hh ?N2-2,mi ?N2-2,ss	01,02		-	PROD TIME
    8009	?	X1-50	00,01		-	OPTSEN
    8010	?	Y1-30,gcppos1			8011	CPID
    8011		N1-12,nozeroprefix	8010		-	CPID SERIAL
    8012	?	X1-20	01,8006		-	VERSION
    8013	?	X1-25,csumalpha,gcppos1				GMN
    8014		X1-25,csumalpha,gcppos1,hasnondigit	01		-	MUDI
    8017	?	N18-18,csum,gcppos1		8018	8019	GSRN - PROVIDER
    8018	?	N18-18,csum,gcppos1		8017	8019	GSRN - RECIPIENT
    8019		N1-10	8017,8018		-	SRIN
    8020		X1-25	415		-	REF No.
    8026	?	N14-14,csum,gcppos2 N4-4,pieceoftotal	37	02,8006	-	ITIP CONTENT
    8030	?	Z1-90	00,01+21,253,255,8003,8004,8006+21,8010+8011,8017,8018		-	DIGSIG
    8040		N15-15	01+21		-	IMEI
    8041		N15-15	01+21+8040		-	IMEI2
    8042		N32-32	01+21+8040		-	ESIM
    8043		N18-18 ?N1-2	01+21+8040		-	PSIM
    8110	?	X1-70,couponcode			-	
    8111	?	N4-4	255		-	POINTS
    8112	?	X1-70,couponposoffer			-	
    8200		X1-70	01		-	PRODUCT URL
    90	?	X1-30			-	INTERNAL
    91	?	X1-90			-	INTERNAL
    92	?	X1-90			-	INTERNAL
    93	?	X1-90			-	INTERNAL
    94	?	X1-90			-	INTERNAL
    95	?	X1-90			-	INTERNAL
    96	?	X1-90			-	INTERNAL
    97	?	X1-90			-	INTERNAL
    98	?	X1-90			-	INTERNAL
    99	?	X1-90			-	INTERNAL
    """
}
